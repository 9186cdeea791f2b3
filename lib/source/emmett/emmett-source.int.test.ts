import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import pg from "pg";
import type { EventSource } from "../contract";
import { caused, createEmmettStore, type EmmettStore } from "../../testing/emmett-store";
import { assertSourceUsable } from "../open-source";
import { openEmmettSource } from ".";

let emt: EmmettStore;
let source: EventSource;

beforeAll(async () => {
  emt = await createEmmettStore(inject("clusterUrl"));
  source = openEmmettSource({ url: emt.readerUrl, schema: null });
});

afterAll(async () => {
  await source?.close();
  await emt?.drop();
});

async function ownerCount(sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: emt.ownerUrl });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

describe("the Emmett source, written by emmett's own appendToStream", () => {
  it("reads the log in commit order with an em1: cursor, maps metadata, and stops where it is caught up", async () => {
    const corr = randomUUID();
    await emt.store.appendToStream("order-1", [
      { type: "OrderPlaced", data: { orderId: "1", total: 30 } },
      { type: "OrderShipped", data: { orderId: "1" } },
    ]);
    const first = (await source.readStream("order-1"))[0];
    await emt.store.appendToStream("user-7", [{ type: "UserUpdated", data: { userId: "7" }, metadata: caused(corr, first.eventId) }]);

    // The snapshot xmin is cluster-wide: another test file's open transaction may hold the log back for a moment.
    const settled = async (after: string | null, n: number) =>
      vi.waitFor(async () => {
        const p = await source.readLog(after, { limit: 10 });
        expect(p.events.length).toBeGreaterThanOrEqual(n);
      }, { timeout: 10_000, interval: 25 });
    await settled(null, 3);
    const page = await source.readLog(null, { limit: 2 });
    expect(page.events.map((e) => [e.streamId, e.streamVersion, e.type])).toEqual([
      ["order-1", 1, "OrderPlaced"],
      ["order-1", 2, "OrderShipped"],
    ]);
    expect(page.cursor).toMatch(/^em1:\d+:\d+$/);
    expect(page.caughtUp).toBe(false);
    const rest = await source.readLog(page.cursor, { limit: 10 });
    expect(rest.events.map((e) => e.type)).toEqual(["UserUpdated"]);
    expect(rest.events[0]).toMatchObject({ category: "user", correlationId: corr, causationId: first.eventId, tenant: "emt:default" });
    expect(rest.caughtUp).toBe(true);
    const none = await source.readLog(rest.cursor, { limit: 10 });
    expect(none).toMatchObject({ events: [], cursor: rest.cursor, caughtUp: true });
  });

  it("reads a stream by 1-based versions, finds events by id, lists streams and counts as the source does", async () => {
    await emt.store.appendToStream("order-2", [1, 2, 3].map((i) => ({ type: "OrderLineAdded", data: { line: i } })));
    const stream = await source.readStream("order-2", { fromVersion: 2, toVersion: 3 });
    expect(stream.map((e) => [e.streamVersion, e.data.line])).toEqual([[2, 2], [3, 3]]);
    expect(await source.readStream("order-404")).toEqual([]);
    const [byId] = await source.getEvents([stream[0].eventId, randomUUID()]);
    expect(byId).toMatchObject({ streamId: "order-2", streamVersion: 2 });

    const streams = await source.listStreams({ prefix: "order-", limit: 10 });
    expect(streams.map((s) => [s.streamId, s.category, s.version])).toEqual([["order-1", "order", 2], ["order-2", "order", 3]]);
    expect(await source.listStreams({ prefix: "order-", after: "order-1", limit: 10 })).toHaveLength(1);

    const all = await ownerCount("SELECT count(*) AS n FROM emt_messages WHERE message_kind = 'E'");
    expect(await source.countEvents({})).toBe(all);
    const orders = await ownerCount("SELECT count(*) AS n FROM emt_messages WHERE message_kind = 'E' AND stream_id LIKE 'order-%'");
    expect(await source.countEvents({ category: "order" })).toBe(orders);
    expect(await source.countEvents({ from: new Date(Date.now() + 60_000) })).toBe(0);
  });

  it("refuses a cursor of another source and checks the tables it needs", async () => {
    await expect(source.readLog("v1:1:1", { limit: 1 })).rejects.toMatchObject({ code: "invalid_cursor" });
    expect(await source.check()).toEqual({ ok: true, problems: [] });
    const elsewhere = openEmmettSource({ url: emt.readerUrl, schema: "nowhere" });
    try {
      const res = await elsewhere.check();
      expect(res.ok).toBe(false);
      expect(res.problems[0]).toMatch(/no "nowhere"\.emt_messages table/);
    } finally {
      await elsewhere.close();
    }
  });

  it("fails start-up with one sentence naming the variable and the problem", async () => {
    await expect(assertSourceUsable({ kind: "emmett", url: emt.readerUrl, schema: null })).resolves.toBeUndefined();
    await expect(assertSourceUsable({ kind: "emmett", url: emt.readerUrl, schema: "nowhere" })).rejects.toThrow(
      /^HINDSIGHT_SOURCE_KIND=emmett: the source at HINDSIGHT_SOURCE_URL cannot be read: there is no "nowhere"\.emt_messages table/,
    );
    const wrong = new URL(emt.readerUrl);
    wrong.password = "wrong";
    await expect(assertSourceUsable({ kind: "emmett", url: wrong.toString(), schema: null })).rejects.toThrow(/password authentication failed/);
    // The right adapter checks the database: an Emmett store is neither Marten's nor Message DB's.
    await expect(assertSourceUsable({ kind: "marten", url: emt.readerUrl, schema: null })).rejects.toThrow(/^HINDSIGHT_SOURCE_KIND=marten: .*no mt_events \/ mt_streams tables in schema public/);
    await expect(assertSourceUsable({ kind: "message-db", url: emt.readerUrl, schema: null })).rejects.toThrow(/^HINDSIGHT_SOURCE_KIND=message-db: .*there is no message_store\.messages table here/);
  });
});
