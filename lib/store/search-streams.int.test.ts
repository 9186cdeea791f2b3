import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../db";
import { unique } from "../testing/expectations";
import { appendToStream, type NewEvent } from "./append-to-stream";
import { searchStreams, searchStreamsQuery, type SearchStrategy, type SearchStreamsOptions } from "./search-streams";

// The stream search behind the streams page: each filter alone and together, paging, the PII
// guard on subject search, and every filter served by an index.

const tag = unique();
const placed = (id: string): NewEvent => ({ type: "OrderPlaced", data: { orderId: id, customerId: "c", items: [{ sku: "A", quantity: 1, unitPrice: 1 }], total: 1, discountCode: null } });
const cancelled = (id: string): NewEvent => ({ type: "OrderCancelled", data: { orderId: id, reason: "x" } });
const ids = (r: { streams: { streamId: string }[] }) => r.streams.map((s) => s.streamId);
const search = (opts: Partial<SearchStreamsOptions>) => searchStreams({ canSearchSubjects: false, ...opts });

const alice = `alice${tag}`;
const march = (day: number) => `2026-03-${String(day).padStart(2, "0")}T12:00:00.000000+00:00`;

beforeAll(async () => {
  // Orders placed on 1, 3, 5 … 19 March; the odd-numbered ones also cancelled two days later.
  for (let n = 1; n <= 10; n++) {
    const id = `order-${tag}-${String(n).padStart(2, "0")}`;
    const events = n % 2 ? [placed(id), cancelled(id)] : [placed(id)];
    await appendToStream({ streamId: id, events, recordedAt: events.map((_, i) => march(2 * n - 1 + 2 * i)) });
  }
  await appendToStream({ streamId: `user-${alice}`, events: [{ type: "UserRegistered", data: { userId: alice, email: `${alice}@example.org`, name: "Alice", country: "DE" } }] });
  await appendToStream({ streamId: `profile-${alice}`, events: [{ type: "ProfileUpdated", data: { userId: alice, displayName: "Al" } }] });
  await appendToStream({ streamId: `gizmo-${tag}`, events: [{ type: "GizmoMade", data: { n: 1 } }] });
});

describe("searchStreams", () => {
  it("by id prefix, in id order, with LIKE's special characters taken literally", async () => {
    expect(ids(await search({ prefix: `order-${tag}-0` }))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `order-${tag}-0${n}`));
    expect(ids(await search({ prefix: `order-${tag}_` }))).toEqual([]);
  });

  it("by category", async () => {
    expect(ids(await search({ category: "gizmo" }))).toEqual([`gizmo-${tag}`]);
  });

  it("by event type: the streams holding at least one event of it", async () => {
    expect(ids(await search({ eventType: "OrderCancelled" }))).toEqual([1, 3, 5, 7, 9].map((n) => `order-${tag}-0${n}`));
    expect(ids(await search({ eventType: "NothingLikeThis" }))).toEqual([]);
  });

  it("by time range: streams with events in it (first ≤ to, last ≥ from)", async () => {
    // 10–12 March: order 6 (placed 11th), order 5 (placed 9th, cancelled 11th); order 4's life ended on the 7th.
    const r = await search({ activeFrom: march(10), activeTo: march(12), category: "order" });
    expect(ids(r)).toEqual([`order-${tag}-05`, `order-${tag}-06`]);
    // From the 19th: order 9 (cancelled on the 19th) and order 10 (placed on the 19th).
    expect(ids(await search({ activeFrom: march(19), prefix: `order-${tag}` }))).toEqual([`order-${tag}-09`, `order-${tag}-10`]);
  });

  it.each<SearchStrategy>(["ordered", "collect"])("by time range to the second, though the index keeps each stream's range to the minute (%s)", async (strategy) => {
    // The index's range ends at the start of the last event's minute, so it also finds streams that
    // went quiet seconds before `from`; the exact range decides.
    const quiet = `order-quiet${tag}`;
    const busy = `order-quiet${tag}-busy`;
    await appendToStream({ streamId: quiet, events: [placed(quiet)], recordedAt: ["2026-04-01T12:00:10.000000+00:00"] });
    await appendToStream({ streamId: busy, events: [placed(busy), cancelled(busy)], recordedAt: ["2026-04-01T11:58:00.000000+00:00", "2026-04-01T12:01:30.000000+00:00"] });
    const within = async (from: string, to = "2026-04-01T13:00:00Z") => {
      const { sql, params } = searchStreamsQuery({ canSearchSubjects: false, activeFrom: from, activeTo: to, prefix: quiet }, strategy);
      return (await getPool().query<{ streamId: string }>(sql, params)).rows.map((r) => r.streamId);
    };
    expect(await within("2026-04-01T12:00:10Z")).toEqual([quiet, busy]);
    expect(await within("2026-04-01T12:00:11Z")).toEqual([busy]);
    expect(await within("2026-04-01T12:00:59Z")).toEqual([busy]);
    expect(await within("2026-04-01T12:01:30Z")).toEqual([busy]);
    expect(await within("2026-04-01T12:01:31Z")).toEqual([]);
    // A range inside one minute.
    expect(await within("2026-04-01T12:00:05Z", "2026-04-01T12:00:20Z")).toEqual([quiet, busy]);
    expect(await within("2026-04-01T12:00:11Z", "2026-04-01T12:00:20Z")).toEqual([busy]);
  });

  it("by type, category and time together", async () => {
    // Begun by the 4th: orders 1 and 2; of those, only order 1 was cancelled.
    expect(ids(await search({ eventType: "OrderCancelled", category: "order", activeTo: march(4) }))).toEqual([`order-${tag}-01`]);
    expect(ids(await search({ eventType: "OrderCancelled", category: "order", activeTo: march(6) }))).toEqual([`order-${tag}-01`, `order-${tag}-03`]);
  });

  it("by data subject, for a caller who may read PII; refused (403) for one who may not", async () => {
    expect(ids(await search({ subject: alice, canSearchSubjects: true }))).toEqual([`profile-${alice}`, `user-${alice}`]);
    await expect(search({ subject: alice })).rejects.toMatchObject({ code: "forbidden", status: 403 });
  });

  it("refuses a time that is not RFC 3339 (422)", async () => {
    await expect(search({ activeFrom: "last tuesday" })).rejects.toMatchObject({ code: "validation_failed", details: { field: "activeFrom" } });
  });

  it("refuses a time range that ends before it starts (422), within a minute too", async () => {
    await expect(search({ activeFrom: march(5), activeTo: march(4) })).rejects.toMatchObject({ code: "validation_failed", details: { field: "activeFrom" } });
    await expect(search({ activeFrom: "2026-03-05T12:00:30Z", activeTo: "2026-03-05T12:00:10Z" })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("pages by stream id: limit, next, after", async () => {
    const first = await search({ prefix: `order-${tag}`, limit: 4 });
    expect(first.next).toBe(`order-${tag}-04`);
    const second = await search({ prefix: `order-${tag}`, limit: 4, after: first.next! });
    const third = await search({ prefix: `order-${tag}`, limit: 4, after: second.next! });
    expect([...ids(first), ...ids(second), ...ids(third)]).toHaveLength(10);
    expect(third.next).toBeNull();
    expect(first.streams[0]).toMatchObject({ category: "order", version: 2, eventCount: 2, snapshotVersion: null, firstEventAt: march(1), lastEventAt: march(3) });
  });
});

describe("the search's plans", () => {
  it.each<[string, Partial<SearchStreamsOptions>, SearchStrategy, RegExp, boolean?]>([
    ["prefix", { prefix: "order-1" }, "ordered", /streams_pkey/],
    ["category", { category: "order" }, "ordered", /streams_category_idx|streams_pkey/],
    ["event type", { eventType: "OrderCancelled" }, "ordered", /stream_types_pkey/],
    // The streams that certainly match come from the index alone; only those near `from` are read.
    ["time range, collected", { activeFrom: march(1), activeTo: march(2) }, "collect", /Index Only Scan using streams_active_range_idx[\s\S]*Index Scan using streams_active_range_idx/, true],
    ["time range with an open start, collected", { activeTo: march(2) }, "collect", /streams_active_range_idx/],
    ["subject", { subject: alice, canSearchSubjects: true }, "ordered", /events_subjects_idx/],
  ])("%s: served by an index, never a sequential scan", async (_, opts, strategy, index, indexOnly) => {
    const { sql, params } = searchStreamsQuery({ canSearchSubjects: false, ...opts }, strategy);
    // An index-only scan needs pages the visibility map marks all-visible, as autovacuum leaves a large store.
    if (indexOnly) await getPool().query("VACUUM streams");
    const client = await getPool().connect();
    try {
      await client.query("BEGIN");
      // The test store is tiny, so the planner would rightly scan it; forbid that to see what a large store uses.
      await client.query("SET LOCAL enable_seqscan = off");
      if (indexOnly) await client.query("SET LOCAL enable_bitmapscan = off");
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params);
      const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toMatch(index);
      expect(plan).not.toMatch(/Seq Scan/);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });

  it.each<[string, Partial<SearchStreamsOptions>]>([
    ["a time range", { activeFrom: march(8), activeTo: march(14) }],
    ["a time range, a type and a page", { activeTo: march(12), eventType: "OrderCancelled", after: `order-${tag}-02`, limit: 2 }],
    ["an open-ended range in a category", { activeFrom: march(5), category: "order", limit: 3 }],
  ])("both strategies give the same page for %s", async (_, opts) => {
    const run = async (strategy: SearchStrategy) => {
      const { sql, params } = searchStreamsQuery({ canSearchSubjects: false, prefix: `order-${tag}`, ...opts }, strategy);
      return (await getPool().query<{ streamId: string }>(sql, params)).rows.map((r) => r.streamId);
    };
    const ordered = await run("ordered");
    expect(ordered.length).toBeGreaterThan(0);
    expect(await run("collect")).toEqual(ordered);
  });
});
