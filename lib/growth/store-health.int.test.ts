import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { unique } from "../testing/expectations";
import { openTransaction } from "../testing/held-transactions";
import { getStoreHealth, recordStoreSizeSample } from "./get-store-health";
import { listFastestStreams, listUnboundedStreams } from "./list-stream-growth";

// Store health from the catalog (sizes, dead rows, disk, open transactions) and stream growth from
// the streams table: what the growth page shows below its charts.

describe("store health", () => {
  it("samples sizes at most once an hour and reports growth against the sample nearest a day ago", async () => {
    expect(await recordStoreSizeSample()).toBe(true);
    expect(await recordStoreSizeSample()).toBe(false);
    await getPool().query("INSERT INTO store_size_samples (at, relation, table_bytes, index_bytes) VALUES (now() - interval '1 day', 'events', 8192, 0)");
    const health = await getStoreHealth({ limit: 100 });
    const events = health.relations.find((r) => r.relation === "events")!;
    expect(events.tableBytes).toBeGreaterThan(0);
    expect(events.growthBytes).toBe(events.tableBytes + events.indexBytes - 8192);
    expect(health.relations.find((r) => r.relation === "alert_rules")?.growthBytes).toBeNull(); // only a sample from just now
    expect(health.database.bytes).toBeGreaterThan(0);
    // The embedded test cluster runs on this machine as a superuser: its disk is measured.
    expect(health.disk).toMatchObject({ freeBytes: expect.any(Number), totalBytes: expect.any(Number) });
  });

  it("names an open writing transaction with its backend and application", async () => {
    const tx = await openTransaction();
    await tx.query("SET application_name = 'held-by-test'");
    const { rows } = await tx.query<{ pid: number }>("SELECT pg_backend_pid() AS pid, pg_current_xact_id()");
    const health = await getStoreHealth();
    expect(health.blocking.find((b) => b.pid === rows[0].pid)).toMatchObject({ application: "held-by-test" });
  });
});

describe("stream growth", () => {
  it("flags a long stream past its snapshot threshold and growing fast, with both reasons; leaves short streams out", async () => {
    const category = `unb${unique()}`;
    const day = (d: number, i: number) => new Date(Date.now() - (2 - d) * 86_400_000 + i * 1000).toISOString();
    for (const d of [0, 1]) {
      await appendToStream({ streamId: `${category}-feed`, events: Array.from({ length: 600 }, (_, i) => ({ type: "Ticked", data: { i } })), recordedAt: Array.from({ length: 600 }, (_, i) => day(d, i)) });
    }
    await appendToStream({ streamId: `${category}-short`, events: [{ type: "Ticked", data: {} }] });
    await getPool().query("INSERT INTO snapshot_policies (category, every_n_events) VALUES ($1, 100)", [category]);

    const unbounded = (await listUnboundedStreams({ ratePerDay: 100, minEvents: 1000 })).filter((s) => s.category === category);
    expect(unbounded).toHaveLength(1);
    expect(unbounded[0]).toMatchObject({ streamId: `${category}-feed`, version: 1200, sinceSnapshot: 1200, snapshotEvery: 100, reasons: ["past_snapshot_threshold", "fast_growth"] });
    expect(unbounded[0].perDay).toBeGreaterThan(1100); // 1 200 events over just over a day

    // A snapshot at 1 150 brings it under 2 × 100; it still grows faster than 100 a day.
    await getPool().query("UPDATE streams SET snapshot_version = 1150 WHERE stream_id = $1", [`${category}-feed`]);
    expect((await listUnboundedStreams({ ratePerDay: 100 })).find((s) => s.category === category)?.reasons).toEqual(["fast_growth"]);
    // …and at a higher rate limit it is no longer unbounded.
    expect((await listUnboundedStreams({ ratePerDay: 5_000 })).find((s) => s.category === category)).toBeUndefined();

    const fastest = await listFastestStreams({ minEvents: 100 });
    expect(fastest[0]).toMatchObject({ streamId: `${category}-feed` });
  });
});
