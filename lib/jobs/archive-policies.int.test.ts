import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type PgBoss from "pg-boss";
import { expect, it } from "vitest";
import { saveArchivePolicy } from "../archive/archive-policies";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { unique } from "../testing/expectations";
import { handleArchivePolicies } from "./archive-policies";
import { setEnv } from "../env";

setEnv({ HINDSIGHT_ARCHIVE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "hs-archive-job-")) });

const job = (data: unknown) => ({ id: unique(), name: "archive-policies", data }) as PgBoss.Job<unknown>;

it("given enabled and paused policies, the job runs the enabled ones (twice is harmless) and records each run", async () => {
  const old = new Date(Date.now() - 10 * 86_400_000).toISOString();
  const [a, b] = [`joba${unique().slice(0, 4)}`, `jobb${unique().slice(0, 4)}`];
  for (const category of [a, b]) {
    await appendToStream({ streamId: `${category}-1`, events: Array.from({ length: 5 }, (_, i) => ({ type: "Noted", data: { i } })), recordedAt: Array(5).fill(old) });
  }
  await saveArchivePolicy({ category: a, olderThanDays: 1, historyOnly: true, enabled: true, actor: systemActor("test") });
  await saveArchivePolicy({ category: b, olderThanDays: 1, historyOnly: true, enabled: false, actor: systemActor("test") });

  const first = await handleArchivePolicies([job({})]);
  expect(first).toMatchObject([{ status: "succeeded", events: 5, segments: 1 }]);
  const again = await handleArchivePolicies([job({ category: a })]);
  expect(again).toMatchObject([{ status: "succeeded", events: 0 }]);

  const { rows } = await getPool().query("SELECT category, trigger, status, events FROM archive_runs WHERE category = ANY($1) ORDER BY id", [[a, b]]);
  expect(rows).toEqual([
    { category: a, trigger: "schedule", status: "succeeded", events: 5 },
    { category: a, trigger: "schedule", status: "succeeded", events: 0 },
  ]);
  const hot = await getPool().query<{ stream_id: string }>("SELECT DISTINCT stream_id FROM events WHERE category = ANY($1)", [[a, b]]);
  expect(hot.rows.map((r) => r.stream_id)).toEqual([`${b}-1`]);
});
