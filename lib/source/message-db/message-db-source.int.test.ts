import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { installMessageDb, messageDbWriter, writeMessage, type MessageDb } from "../../testing/message-db";
import { withClient } from "../../testing/source-database";
import { causeChain, correlationCycles, drainLog, stateAt } from "../../testing/source-reading";
import type { EventSource } from "../contract";
import { openMessageDbSource } from "./index";

// Message DB installed from @eventide/message-db's own scripts, written through its write_message,
// read by openMessageDbSource as a role holding only what the README's Sources table names.

let db: MessageDb;
let writer: pg.Client;
let source: EventSource;
const run = randomUUID().slice(0, 8);
const order = (n: number) => `order-${run}x${n}`;

async function globalPositionOf(id: string): Promise<number> {
  return withClient(db.adminUrl, async (c) => Number((await c.query("SELECT global_position FROM message_store.messages WHERE id = $1", [id])).rows[0].global_position));
}

beforeAll(async () => {
  db = await installMessageDb(inject("clusterUrl"));
  writer = await messageDbWriter(db);
  source = openMessageDbSource({ url: await db.readerUrl(), schema: null });
  for (const n of [1, 2]) {
    await writeMessage(writer, { streamName: order(n), type: "OrderPlaced", data: { orderId: `o${n}`, customerId: "c1", items: [{ sku: "A", quantity: n, unitPrice: 5 }], total: 5 * n } });
    await writeMessage(writer, { streamName: order(n), type: "OrderPaid", data: { amount: 5 * n, method: "card" } });
  }
  await writeMessage(writer, { streamName: order(1), type: "OrderShipped", data: { carrier: "dhl", trackingNumber: "T1" } });
}, 120_000);

afterAll(async () => {
  await source?.close();
  await writer?.end();
  await db?.drop();
});

describe("Message DB as a source", () => {
  it("browses a stream with 1-based versions (position + 1), in bounds, and lists streams by prefix", async () => {
    const events = await source.readStream(order(1));
    expect(events.map((e) => [e.streamVersion, e.type])).toEqual([[1, "OrderPlaced"], [2, "OrderPaid"], [3, "OrderShipped"]]);
    expect(events.every((e) => e.category === "order" && e.streamId === order(1) && e.tenant === null)).toBe(true);
    expect(events[0].recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
    expect((await source.readStream(order(1), { fromVersion: 2, toVersion: 2 })).map((e) => e.type)).toEqual(["OrderPaid"]);
    expect(await source.readStream(`order-${run}missing`)).toEqual([]);

    const streams = await source.listStreams({ prefix: `order-${run}`, limit: 10 });
    expect(streams.map((s) => [s.streamId, s.category, s.version])).toEqual([[order(1), "order", 3], [order(2), "order", 2]]);
    expect((await source.listStreams({ prefix: `order-${run}`, after: order(1), limit: 10 })).map((s) => s.streamId)).toEqual([order(2)]);
    expect((await source.getEvents([events[1].eventId, "not-a-uuid", randomUUID()])).map((e) => e.type)).toEqual(["OrderPaid"]);
  });

  it("gives a stream's state as of a version, folded with the category's reducer", async () => {
    const paid = await stateAt(source, order(1), 2);
    expect(paid).toMatchObject({ category: "order", folded: 2, state: { status: "paid", paid: true, shipped: false, total: 5 } });
    const shipped = await stateAt(source, order(1), 3);
    expect(shipped.state).toMatchObject({ status: "shipped", shipment: { carrier: "dhl", trackingNumber: "T1" } });
  });

  it("counts events as Message DB's own summary views do, by category and time window", async () => {
    const own = await withClient(db.adminUrl, async (c) => {
      const total = (await c.query("SELECT sum(message_count)::int AS n FROM message_store.type_summary")).rows[0].n as number;
      const orders = (await c.query("SELECT sum(message_count)::int AS n FROM message_store.category_type_summary WHERE category = 'order'")).rows[0].n as number;
      const span = (await c.query("SELECT min(time) AT TIME ZONE 'UTC' AS lo, max(time) AT TIME ZONE 'UTC' AS hi FROM message_store.messages")).rows[0] as { lo: Date; hi: Date };
      return { total, orders, span };
    });
    expect(await source.countEvents({})).toBe(own.total);
    expect(await source.countEvents({ category: "order" })).toBe(own.orders);
    expect(own.orders).toBeGreaterThanOrEqual(5);
    expect(await source.countEvents({ from: own.span.lo, to: new Date(own.span.hi.getTime() + 1) })).toBe(own.total);
    expect(await source.countEvents({ from: new Date(own.span.hi.getTime() + 1) })).toBe(0);
    expect(await source.countEvents({ category: `none${run}` })).toBe(0);
  });

  it("maps correlationStreamName and causation positions so a UserUpdated ↔ ProfileUpdated loop is followed event to cause", async () => {
    const correlation = `userSync-${run}`;
    let cause: { streamName: string; position: number; id: string } | null = null;
    const written: string[] = [];
    for (let i = 0; i < 6; i++) {
      const [type, streamName] = i % 2 === 0 ? ["UserUpdated", `user-${run}`] : ["ProfileUpdated", `profile-${run}`];
      const metadata: Record<string, unknown> = { correlationStreamName: correlation };
      if (cause) {
        // Odd steps name the cause by global position, even ones only by stream name and position: both conventions resolve.
        metadata.causationMessageStreamName = cause.streamName;
        metadata.causationMessagePosition = cause.position;
        if (i % 2 === 1) metadata.causationMessageGlobalPosition = await globalPositionOf(cause.id);
      }
      const w = await writeMessage(writer, { streamName, type, data: { userId: run, step: i }, metadata });
      cause = { streamName, position: w.position, id: w.id };
      written.push(w.id);
    }

    const inLoop = (await drainLog(source, null)).events.filter((e) => e.correlationId === correlation);
    expect(inLoop.map((e) => e.eventId)).toEqual(written);
    expect(inLoop[0].causationId).toBeNull();

    const chain = await causeChain(source, inLoop[inLoop.length - 1]);
    expect(chain.map((e) => e.eventId)).toEqual([...written].reverse());
    const cycles = await correlationCycles(source, inLoop);
    expect(cycles).toHaveLength(1);
    expect(cycles[0].types).toEqual(["ProfileUpdated", "UserUpdated"]);
  });

  it("reads the log from a cursor and picks up events written after it (live follow)", async () => {
    const { events: before, cursor } = await drainLog(source, null, 3);
    expect(before.map((e) => e.globalPosition)).toEqual([...before.map((e) => e.globalPosition)].sort((a, b) => a - b));
    expect(cursor).toMatch(/^mdb1:\d+$/);
    expect((await source.readLog(cursor, { limit: 10 })).events).toEqual([]);

    const a = await writeMessage(writer, { streamName: order(3), type: "OrderPlaced", data: { orderId: "o3", total: 1 } });
    const b = await writeMessage(writer, { streamName: order(3), type: "OrderPaid", data: { amount: 1 } });
    const page = await source.readLog(cursor, { limit: 10 });
    expect(page.events.map((e) => [e.eventId, e.streamVersion])).toEqual([[a.id, 1], [b.id, 2]]);
    expect(page.caughtUp).toBe(true);
    expect((await source.readLog(page.cursor, { limit: 10 })).events).toEqual([]);
  });

  it("rejects cursors of another kind or shape clearly", async () => {
    for (const bad of ["mt1:5", "v1:0:0", "em1:3", "mdb1:x", "mdb1:5:abc:9"]) {
      await expect(source.readLog(bad, { limit: 1 })).rejects.toMatchObject({ code: "invalid_cursor" });
    }
  });

  it("names each missing privilege of the source role", async () => {
    expect(await source.check()).toEqual({ ok: true, problems: [] });
    const bare = openMessageDbSource({ url: await db.readerUrl({ select: false, stats: false }), schema: null });
    try {
      const { ok, problems } = await bare.check();
      expect(ok).toBe(false);
      expect(problems).toHaveLength(2);
      expect(problems[0]).toContain("SELECT on message_store.messages");
      expect(problems[1]).toContain("pg_read_all_stats");
    } finally {
      await bare.close();
    }
  });
});
