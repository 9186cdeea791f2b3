import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { buildInline, followUntilCaughtUp } from "./build-inline";
import { diffVersions } from "./diff-versions";
import { defineProjection } from "./projection";
import { projectionRegistry } from "./registry";
import { startRebuild } from "./start-rebuild";
import { promoteVersion, rollbackVersion } from "./switch-live-version";
import { readViewName, syncReadViews } from "./sync-read-views";
import { dropReaderLogins, readerLogin } from "../testing/reader-login";

const actor = systemActor("test");
const STREAMS = 30;
// v1 counts each stream's events; v2 counts them ten times over: a row shows which version wrote it.
const base = {
  name: "read-view-tally",
  title: "Tally",
  changes: "",
  categories: ["tally"],
  accepts: [{ type: "Tallied", versions: [1] }],
  upcast: true,
  key: (e: { streamId: string }) => e.streamId,
  keyFromStreamIdOnly: true,
  readColumns: [{ name: "count", type: "bigint" as const }],
  initialState: () => ({ count: 0 }),
};
projectionRegistry().add(defineProjection<{ count: number }>({ ...base, version: 1, evolve: (s) => ({ count: s.count + 1 }) }));
projectionRegistry().add(defineProjection<{ count: number }>({ ...base, version: 2, evolve: (s) => ({ count: s.count + 10 }) }));

afterAll(dropReaderLogins);

type Seen = { rows: number; versions: number[]; consistent: boolean };

describe("hindsight_read.<projection>", () => {
  it("switches on promote and rollback while a separate client polls it, which never sees a gap or a mix", async () => {
    for (let i = 0; i < STREAMS; i++) await appendToStream({ streamId: `tally-${i}`, events: Array.from({ length: 1 + (i % 3) }, () => ({ type: "Tallied", data: {} })) });
    const views = await syncReadViews();
    expect(views).toContain("hindsight_read.read_view_tally");
    expect(readViewName("read-view-tally")).toBe("hindsight_read.read_view_tally");
    expect(await syncReadViews()).toEqual(views); // unchanged: no DDL

    const blue = (await startRebuild({ name: "read-view-tally", codeVersion: 1, partitions: 2, actor })).versionId;
    await buildInline(blue);

    // The poller reads as an application would: a login in hindsight_reader.
    const reader = new pg.Client({ connectionString: await readerLogin() });
    await reader.connect();
    const seen: Seen[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const { rows } = await reader.query<{ key: string; version: number; count: string; state: { count: number }; updated_at: Date }>(
          "SELECT key, version, count, state, updated_at FROM hindsight_read.read_view_tally",
        );
        const versions = [...new Set(rows.map((r) => r.version))];
        const consistent = rows.every((r) => {
          const events = 1 + (Number(r.key.slice("tally-".length)) % 3);
          return Number(r.count) === r.state.count && r.state.count === events * (r.version === 1 ? 1 : 10) && r.updated_at instanceof Date;
        });
        seen.push({ rows: rows.length, versions, consistent });
      }
    })();

    const green = (await startRebuild({ name: "read-view-tally", codeVersion: 2, partitions: 2, actor })).versionId;
    await buildInline(green);
    await followUntilCaughtUp(green);
    const counts = (await diffVersions({ blueId: blue, greenId: green, pii: "masked" })).counts;
    await promoteVersion({ name: "read-view-tally", versionId: green, actor, confirmedDiff: counts });
    await new Promise((r) => setTimeout(r, 100));
    await rollbackVersion({ name: "read-view-tally", actor });
    await new Promise((r) => setTimeout(r, 100));
    polling = false;
    await poll;
    await reader.end();

    expect(seen.length).toBeGreaterThan(3);
    expect(seen.filter((s) => s.rows !== STREAMS)).toEqual([]);
    expect(seen.filter((s) => s.versions.length !== 1 || !s.consistent)).toEqual([]);
    const order = seen.map((s) => s.versions[0]).filter((v, i, all) => v !== all[i - 1]);
    expect(order).toEqual([1, 2, 1]);
  });

  it("is readable by a role granted hindsight_reader, which cannot read the tables behind it", async () => {
    const app = new pg.Client({ connectionString: await readerLogin() });
    await app.connect();
    try {
      const { rows } = await app.query("SELECT count(*)::int AS n FROM hindsight_read.read_view_tally");
      expect(rows[0].n).toBe(STREAMS);
      await expect(app.query("SELECT 1 FROM projection_rows LIMIT 1")).rejects.toThrow(/permission denied/);
      await expect(app.query("SELECT 1 FROM events LIMIT 1")).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  });
});
