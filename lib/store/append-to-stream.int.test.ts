import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { appendToStream, type NewEvent } from "./append-to-stream";
import { readStream } from "./read-stream";
import { streamHash } from "./stream-id";

// The append and read paths end to end: what lands in events and streams, and what a read shows.

const unique = () => randomUUID().slice(0, 8);
const placedV1 = (orderId: string): NewEvent => ({
  type: "OrderPlaced",
  schemaVersion: 1,
  data: { orderId, customerId: "c", items: [{ sku: "a", quantity: 1, unitPrice: 2 }], total: 2 },
});
const cancelled = (orderId: string): NewEvent => ({ type: "OrderCancelled", data: { orderId, reason: "changed mind" } });

describe("appendToStream", () => {
  it("given a new stream, when events are appended, then rows carry the category, hash, versions, depth and sizes, and the stream row adds up", async () => {
    const streamId = `order-${unique()}`;
    const correlationId = randomUUID();
    await appendToStream({ streamId, events: [{ ...placedV1("1"), correlationId, metadata: { source: "test" } }] });
    await appendToStream({ streamId, events: [cancelled("1"), cancelled("1")] });

    const { rows } = await getPool().query(
      `SELECT category, stream_hash, stream_version, schema_version, correlation_id, causation_depth, size_bytes, tx_id::text AS tx,
              recorded_at, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    );
    expect(rows.map((r) => r.stream_version)).toEqual([1, 2, 3]);
    for (const r of rows) expect(r).toMatchObject({ category: "order", stream_hash: streamHash(streamId), causation_depth: 0 });
    expect(rows[0]).toMatchObject({ schema_version: 1, correlation_id: correlationId, metadata: { source: "test" } });
    expect(rows[1].metadata).toBeNull(); // empty metadata is stored as NULL (20261204007200_events_bytes)
    expect(rows[1].tx).toBe(rows[2].tx);
    expect(BigInt(rows[1].tx)).toBeGreaterThan(BigInt(rows[0].tx));

    const stream = await getPool().query("SELECT * FROM streams WHERE stream_id = $1", [streamId]);
    expect(stream.rows[0]).toMatchObject({
      category: "order",
      version: 3,
      event_count: 3,
      bytes: rows.reduce((sum, r) => sum + r.size_bytes, 0),
      first_event_at: rows[0].recorded_at,
      last_event_at: rows[2].recorded_at,
    });
  });

  it("given a stored v1 OrderPlaced, when read, then it is upcast to v2 (discountCode null) unless raw", async () => {
    const streamId = `order-${unique()}`;
    await appendToStream({ streamId, events: [placedV1("1")] });

    const read = await readStream({ streamId, pii: "masked" });
    const raw = await readStream({ streamId, pii: "masked", raw: true });

    expect(read.events[0]).toMatchObject({ schemaVersion: 2, storedSchemaVersion: 1, data: { discountCode: null }, upcasters: [{ from: 1, to: 2 }] });
    expect(raw.events[0]).toMatchObject({ schemaVersion: 1, storedSchemaVersion: 1, upcasters: [] });
    expect(raw.events[0].data).not.toHaveProperty("discountCode");
  });

  it("given a backdated time earlier than the stream's last event, then recorded_at never goes back in time", async () => {
    const streamId = `order-${unique()}`;
    await appendToStream({ streamId, events: [cancelled("1")] });
    await appendToStream({ streamId, events: [cancelled("1"), cancelled("1")], recordedAt: ["2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z"] });

    const read = await readStream({ streamId, pii: "masked" });
    const times = read.events.map((e) => e.recordedAt);
    expect(times[1] >= times[0] && times[2] >= times[1]).toBe(true);
    expect(times[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
  });

  it("given a stream of 5 events, when read backward or from a version with a limit, then pages follow version order", async () => {
    const streamId = `order-${unique()}`;
    await appendToStream({ streamId, events: Array.from({ length: 5 }, () => cancelled("1")) });

    const page = await readStream({ streamId, pii: "masked", fromVersion: 2, limit: 2 });
    const back = await readStream({ streamId, pii: "masked", direction: "backward", limit: 3 });

    expect(page.events.map((e) => e.streamVersion)).toEqual([2, 3]);
    expect(page.next).toBe(4);
    expect(back.events.map((e) => e.streamVersion)).toEqual([5, 4, 3]);
    expect(back.next).toBe(2);
  });

  it("given single and batched appends, then the stream's event types are noted for the search by type", async () => {
    const streamId = `order-${unique()}`;
    await appendToStream({ streamId, events: [placedV1("1")] });
    await appendToStream({ streamId, events: [cancelled("1"), { type: `Noted${unique()}`, data: {} }, cancelled("1")] });
    const { rows } = await getPool().query<{ type: string }>("SELECT type FROM stream_types WHERE stream_id = $1", [streamId]);
    expect(rows.map((r) => r.type.replace(/^Noted.*/, "Noted")).sort()).toEqual(["Noted", "OrderCancelled", "OrderPlaced"]);
  });

  it("given the indexes on streams, then none covers a column every append changes, so the stream row is updated in place (HOT)", async () => {
    // An index on last_event_at, the version or the counts would make every append write a new
    // entry into every index of streams (20261205000100_append_lean). The search range
    // (active_range) moves once a minute and may be indexed.
    const changing = ["version", "event_count", "bytes", "last_event_at", "last_tx_id"];
    const { rows } = await getPool().query<{ def: string }>("SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = 'streams'::regclass");
    expect(rows.length).toBeGreaterThan(0);
    const offending = rows.filter((r) => changing.some((c) => new RegExp(`\\b${c}\\b`).test(r.def.slice(r.def.indexOf(" USING ")))));
    expect(offending.map((r) => r.def)).toEqual([]);
  });
});
