import { expect, it } from "vitest";
import { evaluateRules } from "../alerts/evaluate-rules";
import { createAlertRule } from "../alerts/manage-rules";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { startWorker } from "../jobs/worker";
import { appendToStream } from "../store/append-to-stream";
import { buildInline } from "./build-inline";
import { runDrillTick } from "./drill-tick";
import { getProjection } from "./get-projection";
import { defineProjection } from "./projection";
import { projectionRegistry } from "./registry";
import { startRebuild } from "./start-rebuild";
import { env } from "../env";

const actor = systemActor("test");
const tally = (name: string, drill: { cron: string; rtoSeconds: number }) =>
  defineProjection<{ n: number }>({
    name, version: 1, title: name, changes: "", categories: ["drilled"], accepts: [{ type: "Drilled", versions: [1] }], upcast: true,
    key: (e) => e.streamId, keyFromStreamIdOnly: true, initialState: () => ({ n: 0 }), evolve: (s) => ({ n: s.n + 1 }), drill: { ...drill, partitions: 1 },
  });
// An objective no rebuild can meet, one every rebuild meets, and a schedule that is not due.
projectionRegistry().add(tally("drill-slow", { cron: "* * * * *", rtoSeconds: 0.000001 }));
projectionRegistry().add(tally("drill-fast", { cron: "*/5 * * * *", rtoSeconds: 3600 }));
projectionRegistry().add(tally("drill-later", { cron: "0 3 * * *", rtoSeconds: 60 }));

it("a minute tick starts the drills whose cron is due, once per minute; a drill slower than its objective alerts", async () => {
  for (let i = 0; i < 8; i++) await appendToStream({ streamId: `drilled-${i}`, events: [{ type: "Drilled", data: {} }, { type: "Drilled", data: {} }] });
  for (const name of ["drill-slow", "drill-fast", "drill-later"]) await buildInline((await startRebuild({ name, codeVersion: 1, partitions: 1, actor })).versionId);

  const minute = new Date("2026-12-03T10:20:00Z");
  const tick = await runDrillTick(minute);
  expect(tick.started.sort()).toEqual(["drill-fast", "drill-slow"]);
  expect((await runDrillTick(new Date(minute.getTime() + 30_000))).started).toEqual([]); // the same minute, delivered again

  const { rows } = await getPool().query<{ name: string; version_id: number; rto_seconds: number; trigger: string }>(
    "SELECT name, version_id, rto_seconds, trigger FROM projection_drills ORDER BY name",
  );
  expect(rows.map((r) => [r.name, r.rto_seconds, r.trigger])).toEqual([
    ["drill-fast", 3600, "schedule"],
    ["drill-slow", 0.000001, "schedule"],
  ]);
  for (const r of rows) await buildInline(r.version_id); // what the worker's replay jobs do

  const slow = await getProjection("drill-slow");
  expect(slow!.drills[0]).toMatchObject({ status: "completed", rtoSeconds: 0.000001, trigger: "schedule", events: 16 });
  expect(slow!.drills[0].seconds).toBeGreaterThan(0.000001);

  await createAlertRule({ name: "Drills over objective", kind: "drill_objective", severity: "warning", params: {}, actor });
  await evaluateRules({ notify: false });
  const alerts = await getPool().query<{ key: string; state: string; summary: string }>("SELECT key, state, summary FROM alerts ORDER BY key");
  expect(alerts.rows.map((a) => [a.key, a.state])).toEqual([["projection:drill-slow", "firing"]]);
  expect(alerts.rows[0].summary).toMatch(/over its 0\.000001 s objective/);
});

it("a worker schedules the tick every minute", async () => {
  const worker = await startWorker(env("DATABASE_URL")!);
  try {
    const { rows } = await getPool().query("SELECT name, cron FROM pgboss.schedule WHERE name = 'projection-drill-tick'");
    expect(rows).toEqual([{ name: "projection-drill-tick", cron: "* * * * *" }]);
  } finally {
    await worker.stop();
  }
});
