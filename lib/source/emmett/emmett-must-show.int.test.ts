import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import pg from "pg";
import { appendEvents } from "../../api/append-events";
import { systemActor } from "../../audit/actor";
import { getPool } from "../../db";
import { buildInline, followUntilCaughtUp } from "../../projections/build-inline";
import { startRebuild } from "../../projections/start-rebuild";
import { ERROR_STATUS } from "../../errors";
import { listCategories, listStreams } from "../../store/list-streams";
import { readStream } from "../../store/read-stream";
import { findEventLocation, getEvent } from "../../store/get-event";
import { searchStreams } from "../../store/search-streams";
import { getStateAt } from "../../stream-state/get-state-at";
import { getStreamDiff } from "../../stream-state/get-stream-diff";
import { listLongestStreams } from "../../growth/list-longest-streams";
import { takeSnapshots } from "../../snapshots/take-snapshots";
import { runArchivePolicy } from "../../archive/run-archive-policy";
import { approveErasure } from "../../compliance/approve-erasure";
import { discoverSubject } from "../../compliance/discover-erasure";
import { getStoreTotals } from "../../store/store-overview";
import { causationLoopKind } from "../../causation/alert-kinds";
import { getCausationMap } from "../../causation/get-causation-map";
import { getCorrelationGraph } from "../../causation/get-correlation-graph";
import { getGrowth, growthQuerySchema } from "../../growth/get-growth";
import { startRollupLoop } from "../../growth/rollup-loop";
import { caused, createEmmettStore, type EmmettStore } from "../../testing/emmett-store";
import { indexAllOf, rollUpAll, waitForIndexBelowHorizon } from "../../testing/source-index-wait";
import { indexSourceBatch } from "../index/follow-source";
import { startSourceIndexLoop } from "../index/source-index-loop";
import { closeSource, getSource } from "../open-source";

// Issue #16's must-shows over an Emmett store that emmett's own client writes: orders, and a
// UserUpdated ↔ ProfileUpdated loop carrying correlation and causation metadata.

let emt: EmmettStore;
const loop = randomUUID();

beforeAll(async () => {
  emt = await createEmmettStore(inject("clusterUrl"));
  process.env.HINDSIGHT_SOURCE_KIND = "emmett";
  process.env.HINDSIGHT_SOURCE_URL = emt.readerUrl;
  for (const n of [1, 2, 3]) {
    await emt.store.appendToStream(`order-${n}`, [
      { type: "OrderPlaced", data: { orderId: `${n}`, total: 10 * n } },
      ...(n < 3 ? [{ type: "OrderShipped", data: { orderId: `${n}`, carrier: "dhl" } }] : []),
    ]);
  }
  // The loop: each update of a user causes a profile update, which causes a user update again.
  let cause: string | null = null;
  for (let i = 0; i < 6; i++) {
    const isUser = i % 2 === 0;
    const metadata = caused(loop, cause);
    const data = isUser ? { userId: "ada", name: `Ada ${i}` } : { userId: "ada", displayName: `Ada ${i}` };
    await emt.store.appendToStream(isUser ? "user-ada" : "profile-ada", [{ type: isUser ? "UserUpdated" : "ProfileUpdated", data, metadata }]);
    cause = metadata.messageId;
  }
});

afterAll(async () => {
  await closeSource();
  delete process.env.HINDSIGHT_SOURCE_KIND;
  delete process.env.HINDSIGHT_SOURCE_URL;
  await emt?.drop();
});

async function sourceCount(sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: emt.ownerUrl });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

const SOURCE_EVENTS = "SELECT count(*) AS n FROM emt_messages WHERE message_kind = 'E'";

const indexAll = async () => indexAllOf(await sourceCount(SOURCE_EVENTS));

describe("Hindsight over an Emmett store", () => {
  it("indexes every event once, in pages, with its stream hash and links, and nothing again on a second pass", async () => {
    const total = await sourceCount(SOURCE_EVENTS);
    expect(await indexAll()).toBe(total);
    expect(await indexAll()).toBe(0);
    const { rows } = await getPool().query<{ n: number; distinct_ids: number }>("SELECT count(*) AS n, count(DISTINCT event_id) AS distinct_ids FROM source_events");
    expect(rows[0]).toEqual({ n: total, distinct_ids: total });
    const deepest = await getPool().query<{ depth: number }>("SELECT max(causation_depth) AS depth FROM source_events WHERE correlation_id = $1", [loop]);
    expect(deepest.rows[0].depth).toBe(5);
    const streams = await getPool().query("SELECT stream_id, category, version, event_count FROM source_streams WHERE stream_id LIKE 'order-%' ORDER BY stream_id");
    expect(streams.rows).toEqual([
      { stream_id: "order-1", category: "order", version: 2, event_count: 2 },
      { stream_id: "order-2", category: "order", version: 2, event_count: 2 },
      { stream_id: "order-3", category: "order", version: 1, event_count: 1 },
    ]);
  });

  it("indexes each event once when two followers overlap (a failover), and refuses another source's index", async () => {
    for (let n = 0; n < 5; n++) await emt.store.appendToStream(`cart-${n}`, [{ type: "CartOpened", data: { n } }, { type: "CartClosed", data: { n } }]);
    const [a, b] = await Promise.all([indexAll(), indexAll()]);
    expect(a + b).toBe(10);
    const { rows } = await getPool().query<{ n: number; ids: number }>("SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM source_events");
    expect(rows[0]).toEqual({ n: await sourceCount(SOURCE_EVENTS), ids: await sourceCount(SOURCE_EVENTS) });
    await expect(indexSourceBatch(getSource(), "emmett://elsewhere:5432/other")).rejects.toThrow(/holds emmett:\/\/.*, not emmett:\/\/elsewhere/);
  });

  it("counts growth equal to the source's own counts, per category", async () => {
    await rollUpAll();
    const growth = await getGrowth(growthQuerySchema.parse({ bucket: "hour" }));
    const byCategory = new Map<string, number>();
    for (const b of growth) byCategory.set(b.key, (byCategory.get(b.key) ?? 0) + b.count);
    expect([...byCategory.keys()].sort()).toEqual(["cart", "order", "profile", "user"]);
    for (const category of ["order", "user", "profile"]) {
      const own = await sourceCount(`SELECT count(*) AS n FROM emt_messages WHERE message_kind = 'E' AND stream_id LIKE '${category}-%'`);
      expect(byCategory.get(category)).toBe(own);
      expect(await getSource().countEvents({ category })).toBe(own);
    }
    const totals = await getStoreTotals();
    expect(totals).toMatchObject({ events: await getSource().countEvents({}), streams: 10, categories: 4 });
    expect((await listLongestStreams(2)).map((s) => [s.streamId, s.version])).toEqual([["profile-ada", 3], ["user-ada", 3]]);
  });

  it("draws the loop's correlation graph and fires the loop alert from the index, payloads from the source", async () => {
    const graph = await getCorrelationGraph({ correlationId: loop, pii: "clear", collapse: false });
    expect(graph.eventCount).toBe(6);
    expect(graph.loops.map((l) => [...l.types].sort())).toEqual([["ProfileUpdated", "UserUpdated"]]);
    expect(graph.nodes.map((n) => n.type)).toEqual(["UserUpdated", "ProfileUpdated", "UserUpdated", "ProfileUpdated", "UserUpdated", "ProfileUpdated"]);
    expect(graph.nodes[0].data).toEqual({ userId: "ada", name: "Ada 0" });
    // The source holds PII in clear: a caller without pii.read sees the domain's declared paths masked.
    const masked = await getCorrelationGraph({ correlationId: loop, pii: "masked", collapse: false });
    expect(masked.nodes[1].data).toEqual({ userId: "ada", displayName: "[masked]" });
    const second = await getEvent({ eventId: graph.nodes[1].eventId, pii: "clear" });
    expect(second).toMatchObject({ streamId: "profile-ada", streamVersion: 1, cause: { eventId: graph.nodes[0].eventId }, effects: { count: 1, events: [{ eventId: graph.nodes[2].eventId }] } });
    expect(await findEventLocation(graph.nodes[2].eventId)).toEqual({ streamId: "user-ada", streamVersion: 2 });
    expect(graph.edges).toHaveLength(5);
    const findings = await causationLoopKind.evaluate({ db: getPool(), now: new Date(), params: causationLoopKind.params.parse({ minRepetitions: 1 }) });
    expect(findings.map((f) => f.key)).toEqual([`correlation:${loop}`]);
    expect(findings[0].category).toBe("user");
    const map = await getCausationMap({ from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000), thresholds: { maxDepth: 3, maxEvents: 1000, maxPerHour: 1_000_000 } });
    expect(map.cycles.map((c) => [...c.types].sort())).toEqual([["ProfileUpdated", "UserUpdated"]]);
    expect(map.runaways.map((r) => [r.correlationId, r.types])).toEqual([[loop, ["ProfileUpdated", "UserUpdated"]]]);
  });

  it("browses and searches streams, payloads read from the source", async () => {
    const page = await readStream({ streamId: "order-1", pii: "clear" });
    expect(page).toMatchObject({ streamId: "order-1", version: 2, next: null });
    expect(page.events.map((e) => [e.streamVersion, e.type, e.data.orderId])).toEqual([[1, "OrderPlaced", "1"], [2, "OrderShipped", "1"]]);
    const back = await readStream({ streamId: "order-1", pii: "clear", direction: "backward", limit: 1 });
    expect(back).toMatchObject({ next: 1, events: [{ streamVersion: 2 }] });
    await expect(readStream({ streamId: "order-404", pii: "clear" })).rejects.toMatchObject({ code: "stream_not_found" });
    expect((await listStreams({ prefix: "order-" })).streams.map((s) => s.streamId)).toEqual(["order-1", "order-2", "order-3"]);
    expect((await listCategories()).map((c) => c.category).sort()).toEqual(["cart", "order", "profile", "user"]);
    const shipped = await searchStreams({ eventType: "OrderShipped", canSearchSubjects: true });
    expect(shipped.streams.map((s) => s.streamId)).toEqual(["order-1", "order-2"]);
    // Subjects come from the domain's declared PII paths, recorded as events are indexed.
    expect((await searchStreams({ subject: "ada", canSearchSubjects: true })).streams.map((s) => s.streamId)).toEqual(["profile-ada", "user-ada"]);
  });

  it("discovers where a subject's data sits in the source, by the domain's declared PII", async () => {
    const found = await discoverSubject("ada");
    expect(found).toMatchObject({ events: 6, streams: 2, snapshots: 0 });
    expect(found.holdings.filter((h) => h.source === "events").map((h) => [h.label, h.count])).toEqual([["profile / ProfileUpdated", 3], ["user / UserUpdated", 3]]);
    expect((await discoverSubject("nobody")).events).toBe(0);
  });

  it("folds the state as of a version with the domain's reducer, masked for a caller without pii.read", async () => {
    const at2 = await getStateAt({ streamId: "user-ada", target: { version: 2 }, pii: "clear" });
    expect(at2).toMatchObject({ version: 2, eventsFolded: 2, state: { userId: "ada", name: "Ada 2", updates: 2 } });
    const latest = await getStateAt({ streamId: "user-ada", pii: "masked" });
    expect(latest).toMatchObject({ version: 3, state: { name: "[masked]", updates: 3 } });
    await expect(getStateAt({ streamId: "user-ada", target: { version: 9 }, pii: "clear" })).rejects.toMatchObject({ code: "validation_failed" });
    const diff = await getStreamDiff({ streamId: "user-ada", from: { version: 1 }, to: { version: 3 }, pii: "clear" });
    expect(diff.changes.map((c) => c.path)).toEqual(expect.arrayContaining(["name", "updates"]));
    expect(diff.events.map((e) => e.streamVersion)).toEqual([2, 3]);
  });

  it("keeps snapshots of source streams in Hindsight's database and starts time travel from them", async () => {
    await getPool().query("INSERT INTO snapshot_policies (category, every_n_events) VALUES ('user', 2) ON CONFLICT (category) DO UPDATE SET every_n_events = 2");
    const taken = await takeSnapshots({ category: "user" });
    expect(taken).toMatchObject({ streams: 1, snapshots: 1 });
    const { rows } = await getPool().query("SELECT s.stream_version, st.snapshot_version FROM snapshots s JOIN source_streams st USING (stream_id) WHERE stream_id = 'user-ada'");
    expect(rows).toEqual([{ stream_version: 2, snapshot_version: 2 }]);
    const fromSnapshot = await getStateAt({ streamId: "user-ada", pii: "clear" });
    expect(fromSnapshot).toMatchObject({ version: 3, fromSnapshotVersion: 2, eventsFolded: 1, state: { name: "Ada 4", updates: 3 } });
    expect(fromSnapshot.state).toEqual((await getStateAt({ streamId: "user-ada", pii: "clear", useSnapshots: false })).state);
  });

  it("refuses appending, archiving and shredding with the reason, before reading anything", async () => {
    let read = false;
    const refused = appendEvents({ streamId: "order-1", readBody: async () => ((read = true), { events: [] }), idempotencyHeader: null });
    await expect(refused).rejects.toMatchObject({ code: "not_supported_by_source", message: expect.stringMatching(/Hindsight's own store only.*Emmett/) });
    expect(read).toBe(false);
    expect(ERROR_STATUS.not_supported_by_source).toBe(409);
    await expect(runArchivePolicy({ category: "order", trigger: "manual" })).rejects.toMatchObject({ code: "not_supported_by_source", message: /^Archiving/ });
    await expect(approveErasure({ requestId: randomUUID(), actor: systemActor("test") })).rejects.toMatchObject({ code: "not_supported_by_source", message: /^Crypto-shredding/ });
  });

  it("follows events written by the source's own client within seconds, into rollups", async () => {
    const index = startSourceIndexLoop(process.env.DATABASE_URL!, () => undefined);
    const rollups = startRollupLoop(process.env.DATABASE_URL!, () => undefined);
    try {
      await emt.store.appendToStream("order-9", [{ type: "OrderPlaced", data: { orderId: "9", total: 90 } }]);
      await vi.waitFor(
        async () => {
          const rolled = await getPool().query<{ n: number }>("SELECT sum(count)::bigint AS n FROM rollups_hourly WHERE category = 'order'");
          expect(rolled.rows[0].n).toBe(await sourceCount("SELECT count(*) AS n FROM emt_messages WHERE stream_id LIKE 'order-%'"));
        },
        { timeout: 10_000, interval: 100 },
      );
    } finally {
      await index.stop();
      await rollups.stop();
    }
  });

  it("rebuilds a projection over the source (partitions by the index's stream hash) and keeps it live as the source grows", async () => {
    for (let n = 0; n < 6; n++) {
      await emt.store.appendToStream(`account-${n}`, [
        { type: "AccountOpened", data: { accountId: `${n}`, ownerId: `u${n}`, currency: "EUR" } },
        { type: "FundsDeposited", data: { accountId: `${n}`, amount: 100 + n } },
        ...(n % 2 ? [{ type: "FundsWithdrawn", data: { accountId: `${n}`, amount: 7.5 } }] : []),
      ]);
    }
    await indexAll();
    await waitForIndexBelowHorizon();
    const started = await startRebuild({ name: "account-balances", codeVersion: 2, partitions: 3, actor: systemActor("test") });
    expect(started).toMatchObject({ partitions: 3, events: 15 });
    await buildInline(started.versionId, { batchSize: 2 });
    const rows = async () => {
      const { rows } = await getPool().query<{ key: string; state: { balance: number; events: number } }>("SELECT key, state FROM projection_rows WHERE version_id = $1 ORDER BY key", [started.versionId]);
      return new Map(rows.map((r) => [r.key, r.state]));
    };
    const built = await rows();
    expect(built.size).toBe(6);
    expect(built.get("account-1")).toMatchObject({ balance: 93.5, events: 3 });
    expect(built.get("account-2")).toMatchObject({ balance: 102, events: 2 });
    const { rows: live } = await getPool().query("SELECT version_id FROM projection_live WHERE name = 'account-balances'");
    expect(live).toEqual([{ version_id: started.versionId }]);

    await emt.store.appendToStream("account-2", [{ type: "FundsDeposited", data: { accountId: "2", amount: 10 } }]);
    await indexAll();
    await followUntilCaughtUp(started.versionId);
    expect((await rows()).get("account-2")).toMatchObject({ balance: 112, events: 3 });
  });
});
