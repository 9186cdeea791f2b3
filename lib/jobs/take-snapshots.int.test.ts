import type PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { appendToStream, type NewEvent } from "../store/append-to-stream";
import { unique } from "../testing/expectations";
import { handleTakeSnapshots, TAKE_SNAPSHOTS_QUEUE, takeSnapshotsPayload } from "./take-snapshots";
import { startWorker } from "./worker";
import { asOwner } from "../testing/owner-db";
import { env } from "../env";

// The take-snapshots job: its payload, its handler, and the worker that runs it on a schedule.

const ticks = (n: number): NewEvent[] => Array.from({ length: n }, (_, i) => ({ type: "PriceTicked", data: { symbol: "J", bid: i, ask: i + 1, volume: 1 } }));
const job = (data: unknown) => ({ id: unique(), name: TAKE_SNAPSHOTS_QUEUE, data }) as PgBoss.Job<unknown>;

async function snapshotVersions(streamId: string): Promise<number[]> {
  const { rows } = await getPool().query<{ v: number }>("SELECT stream_version AS v FROM snapshots WHERE stream_id = $1 ORDER BY 1", [streamId]);
  return rows.map((r) => r.v);
}

describe("the take-snapshots job", () => {
  it("accepts an empty payload, a category or stream ids, and refuses anything else", () => {
    expect(takeSnapshotsPayload.parse({})).toEqual({});
    expect(takeSnapshotsPayload.parse({ category: "ticker", streamIds: ["ticker-A"] })).toEqual({ category: "ticker", streamIds: ["ticker-A"] });
    expect(() => takeSnapshotsPayload.parse({ streamIds: [] })).toThrow();
    expect(() => takeSnapshotsPayload.parse({ everything: true })).toThrow();
  });

  it("given a due ticker, when the handler runs twice (at-least-once delivery), then the snapshots exist once", async () => {
    await getPool().query("UPDATE snapshot_policies SET every_n_events = 1000 WHERE category = 'ticker'");
    const streamId = `ticker-J${unique()}`;
    await appendToStream({ streamId, events: ticks(1000) });
    await appendToStream({ streamId, events: ticks(1000) });
    await appendToStream({ streamId, events: ticks(500) });

    const first = await handleTakeSnapshots([job({ streamIds: [streamId] })]);
    expect(first).toMatchObject({ streams: 1, snapshots: 2, next: null });
    expect(await handleTakeSnapshots([job({ streamIds: [streamId] })])).toMatchObject({ streams: 0, snapshots: 0 });
    expect(await snapshotVersions(streamId)).toEqual([1000, 2000]);
  });

  it("given a worker, when it starts, then it runs the job right away and the due stream gets its snapshot", async () => {
    const streamId = `ticker-W${unique()}`;
    await appendToStream({ streamId, events: ticks(1000) });
    const worker = await startWorker(env("DATABASE_URL")!);
    try {
      const deadline = Date.now() + 30_000;
      while ((await snapshotVersions(streamId)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      expect(await snapshotVersions(streamId)).toEqual([1000]);
      const queues = await worker.boss.getQueues();
      expect(queues.map((q) => q.name)).toContain(TAKE_SNAPSHOTS_QUEUE);
      const schedules = await worker.boss.getSchedules();
      expect(schedules.map((s) => s.name)).toContain(TAKE_SNAPSHOTS_QUEUE);
    } finally {
      await worker.stop();
    }
  });

  it("given a wiped store (TRUNCATE events), then the snapshots and the type summary go with it", async () => {
    const streamId = `ticker-X${unique()}`;
    await appendToStream({ streamId, events: ticks(1000) });
    await handleTakeSnapshots([job({ streamIds: [streamId] })]);
    expect(await snapshotVersions(streamId)).toEqual([1000]);
    // TRUNCATE is the owner's (an operator wiping the store), never the app's.
    await asOwner((c) => c.query("TRUNCATE events, streams"));
    const { rows } = await getPool().query<{ snapshots: number; types: number }>(
      "SELECT (SELECT count(*) FROM snapshots)::int AS snapshots, (SELECT count(*) FROM stream_types)::int AS types",
    );
    expect(rows[0]).toEqual({ snapshots: 0, types: 0 });
  });
});
