import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { appendEvents } from "../../api/append-events";
import { runArchivePolicy } from "../../archive/run-archive-policy";
import { approveErasure } from "../../compliance/approve-erasure";
import { discoverSubject } from "../../compliance/discover-erasure";
import { ERROR_STATUS } from "../../errors";
import { takeSnapshots } from "../../snapshots/take-snapshots";
import { getStreamDiff } from "../../stream-state/get-stream-diff";
import { systemActor } from "../../audit/actor";
import { causationLoopKind } from "../../causation/alert-kinds";
import { getCorrelationGraph } from "../../causation/get-correlation-graph";
import { getPool } from "../../db";
import { getGrowth, growthQuerySchema } from "../../growth/get-growth";
import { startRollupLoop } from "../../growth/rollup-loop";
import { buildInline, followUntilCaughtUp } from "../../projections/build-inline";
import { startRebuild } from "../../projections/start-rebuild";
import { getEvent } from "../../store/get-event";
import { listStreams } from "../../store/list-streams";
import { readStream } from "../../store/read-stream";
import { searchStreams } from "../../store/search-streams";
import { getStoreTotals } from "../../store/store-overview";
import { getStateAt } from "../../stream-state/get-state-at";
import { installMessageDb, messageDbWriter, writeMessage, type MessageDb, type MessageToWrite } from "../../testing/message-db";
import { indexAllOf, rollUpAll, waitForIndexBelowHorizon } from "../../testing/source-index-wait";
import { startSourceIndexLoop } from "../index/source-index-loop";
import { assertSourceUsable, closeSource, getSource } from "../open-source";

// Issue #16's must-shows over a Message DB installed from @eventide/message-db's own scripts and
// written through its write_message: orders, and a UserUpdated ↔ ProfileUpdated loop whose
// metadata follows Eventide's conventions (correlationStreamName, causationMessage*).

let db: MessageDb;
let writer: pg.Client;
const loop = `signup-${randomUUID()}`;

/** Writes as Message DB's clients do; returns the message's id, stream position and global position. */
async function write(m: MessageToWrite): Promise<{ id: string; position: number; globalPosition: number }> {
  const { id, position } = await writeMessage(writer, m);
  const { rows } = await writer.query<{ g: string }>("SELECT global_position AS g FROM message_store.messages WHERE id = $1", [id]);
  return { id, position, globalPosition: Number(rows[0].g) };
}

async function sourceCount(where = "TRUE"): Promise<number> {
  const { rows } = await db.adminQuery<{ n: string }>(`SELECT count(*) AS n FROM message_store.messages WHERE ${where}`);
  return Number(rows[0].n);
}

const indexAll = async () => indexAllOf(await sourceCount());

beforeAll(async () => {
  db = await installMessageDb(inject("clusterUrl"));
  writer = await messageDbWriter(db);
  process.env.HINDSIGHT_SOURCE_KIND = "message-db";
  process.env.HINDSIGHT_SOURCE_URL = await db.readerUrl();
  for (const n of [1, 2, 3]) {
    await write({ streamName: `order-${n}`, type: "OrderPlaced", data: { orderId: `${n}`, total: 10 * n } });
    if (n < 3) await write({ streamName: `order-${n}`, type: "OrderShipped", data: { orderId: `${n}`, carrier: "dhl" } });
  }
  // The loop: each update of a user causes a profile update, which causes a user update again.
  let cause: { streamName: string; position: number; globalPosition: number } | null = null;
  for (let i = 0; i < 6; i++) {
    const isUser = i % 2 === 0;
    const streamName = isUser ? "user-ada" : "profile-ada";
    const metadata: Record<string, string | number> = {
      correlationStreamName: loop,
      ...(cause && { causationMessageStreamName: cause.streamName, causationMessagePosition: cause.position, causationMessageGlobalPosition: cause.globalPosition }),
    };
    const data = isUser ? { userId: "ada", name: `Ada ${i}` } : { userId: "ada", displayName: `Ada ${i}` };
    cause = { streamName, ...(await write({ streamName, type: isUser ? "UserUpdated" : "ProfileUpdated", data, metadata })) };
  }
}, 120_000);

afterAll(async () => {
  await closeSource();
  delete process.env.HINDSIGHT_SOURCE_KIND;
  delete process.env.HINDSIGHT_SOURCE_URL;
  await writer?.end();
  await db?.drop();
});

describe("Hindsight over a Message DB store", () => {
  it("opens the Message DB adapter from HINDSIGHT_SOURCE_KIND and passes start-up's check with the reader role", async () => {
    expect(getSource().kind).toBe("message-db");
    await expect(assertSourceUsable()).resolves.toBeUndefined();
  });

  it("indexes every message once, with 1-based versions and the causation chain resolved from positions", async () => {
    const total = await sourceCount();
    expect(await indexAll()).toBe(total);
    expect(await indexAll()).toBe(0);
    const deepest = await getPool().query<{ depth: number }>("SELECT max(causation_depth) AS depth FROM source_events WHERE correlation_id = $1", [loop]);
    expect(deepest.rows[0].depth).toBe(5);
    const streams = await getPool().query("SELECT stream_id, category, version, event_count FROM source_streams WHERE category = 'order' ORDER BY stream_id");
    expect(streams.rows).toEqual([
      { stream_id: "order-1", category: "order", version: 2, event_count: 2 },
      { stream_id: "order-2", category: "order", version: 2, event_count: 2 },
      { stream_id: "order-3", category: "order", version: 1, event_count: 1 },
    ]);
  });

  it("counts growth equal to Message DB's own counts, per category", async () => {
    await rollUpAll();
    const growth = await getGrowth(growthQuerySchema.parse({ bucket: "hour" }));
    const byCategory = new Map<string, number>();
    for (const b of growth) byCategory.set(b.key, (byCategory.get(b.key) ?? 0) + b.count);
    expect([...byCategory.keys()].sort()).toEqual(["order", "profile", "user"]);
    for (const category of ["order", "user", "profile"]) {
      // Message DB's own reporting view, as its operators would count.
      const summary = await db.adminQuery<{ n: number }>("SELECT sum(message_count)::int AS n FROM message_store.category_type_summary WHERE category = $1", [category]);
      const own = summary.rows[0].n;
      expect(byCategory.get(category)).toBe(own);
      expect(await getSource().countEvents({ category })).toBe(own);
    }
    const streams = Number((await db.adminQuery<{ n: string }>("SELECT count(DISTINCT stream_name) AS n FROM message_store.messages")).rows[0].n);
    expect(await getStoreTotals()).toMatchObject({ events: await sourceCount(), streams, categories: 3 });
  });

  it("draws the loop's correlation graph and fires the loop alert", async () => {
    const graph = await getCorrelationGraph({ correlationId: loop, pii: "clear", collapse: false });
    expect(graph.eventCount).toBe(6);
    expect(graph.loops.map((l) => [...l.types].sort())).toEqual([["ProfileUpdated", "UserUpdated"]]);
    expect(graph.nodes.map((n) => n.type)).toEqual(["UserUpdated", "ProfileUpdated", "UserUpdated", "ProfileUpdated", "UserUpdated", "ProfileUpdated"]);
    expect(graph.edges).toHaveLength(5);
    expect(graph.nodes[0].data).toEqual({ userId: "ada", name: "Ada 0" });
    const second = await getEvent({ eventId: graph.nodes[1].eventId, pii: "clear" });
    expect(second).toMatchObject({ streamId: "profile-ada", streamVersion: 1, cause: { eventId: graph.nodes[0].eventId }, effects: { count: 1 } });
    const findings = await causationLoopKind.evaluate({ db: getPool(), now: new Date(), params: causationLoopKind.params.parse({ minRepetitions: 1 }) });
    expect(findings.map((f) => f.key)).toEqual([`correlation:${loop}`]);
  });

  it("browses and searches streams, payloads read from Message DB", async () => {
    const page = await readStream({ streamId: "order-1", pii: "clear" });
    expect(page).toMatchObject({ streamId: "order-1", version: 2, next: null });
    expect(page.events.map((e) => [e.streamVersion, e.type, e.data.orderId])).toEqual([[1, "OrderPlaced", "1"], [2, "OrderShipped", "1"]]);
    await expect(readStream({ streamId: "order-404", pii: "clear" })).rejects.toMatchObject({ code: "stream_not_found" });
    expect((await listStreams({ prefix: "order-" })).streams.map((s) => s.streamId)).toEqual(["order-1", "order-2", "order-3"]);
    const shipped = await searchStreams({ eventType: "OrderShipped", canSearchSubjects: true });
    expect(shipped.streams.map((s) => s.streamId)).toEqual(["order-1", "order-2"]);
  });

  it("folds the state as of a version with the domain's reducer", async () => {
    const at2 = await getStateAt({ streamId: "user-ada", target: { version: 2 }, pii: "clear" });
    expect(at2).toMatchObject({ version: 2, eventsFolded: 2, state: { userId: "ada", name: "Ada 2", updates: 2 } });
    const latest = await getStateAt({ streamId: "user-ada", pii: "masked" });
    expect(latest).toMatchObject({ version: 3, state: { name: "[masked]", updates: 3 } });
  });

  it("searches by subject and discovers where a subject's data sits, by the domain's declared PII", async () => {
    const ada = ["profile-ada", "user-ada"].sort();
    expect((await searchStreams({ subject: "ada", canSearchSubjects: true })).streams.map((x) => x.streamId)).toEqual(ada);
    const found = await discoverSubject("ada");
    expect(found).toMatchObject({ events: 6, streams: 2, snapshots: 0 });
    expect(found.holdings.filter((h) => h.source === "events").map((h) => [h.label, h.count])).toEqual([["profile / ProfileUpdated", 3], ["user / UserUpdated", 3]]);
    expect((await discoverSubject("nobody")).events).toBe(0);
  });

  it("diffs two versions and keeps snapshots in Hindsight's database, time travel starting from them", async () => {
    const diff = await getStreamDiff({ streamId: "user-ada", from: { version: 1 }, to: { version: 3 }, pii: "clear" });
    expect(diff.changes.map((c) => c.path)).toEqual(expect.arrayContaining(["name", "updates"]));
    expect(diff.events.map((e) => e.streamVersion)).toEqual([2, 3]);
    await getPool().query("INSERT INTO snapshot_policies (category, every_n_events) VALUES ('user', 2) ON CONFLICT (category) DO UPDATE SET every_n_events = 2");
    expect(await takeSnapshots({ category: "user" })).toMatchObject({ streams: 1, snapshots: 1 });
    const fromSnapshot = await getStateAt({ streamId: "user-ada", pii: "clear" });
    expect(fromSnapshot).toMatchObject({ version: 3, fromSnapshotVersion: 2, eventsFolded: 1, state: { name: "Ada 4", updates: 3 } });
    expect(fromSnapshot.state).toEqual((await getStateAt({ streamId: "user-ada", pii: "clear", useSnapshots: false })).state);
  });

  it("refuses appending, archiving and shredding with the adapter's reason, before reading anything", async () => {
    let read = false;
    const refused = appendEvents({ streamId: "order-1", readBody: async () => ((read = true), { events: [] }), idempotencyHeader: null });
    await expect(refused).rejects.toMatchObject({ code: "not_supported_by_source", message: expect.stringMatching(/^Message DB streams are written by/) });
    expect(read).toBe(false);
    expect(ERROR_STATUS.not_supported_by_source).toBe(409);
    await expect(runArchivePolicy({ category: "order", trigger: "manual" })).rejects.toMatchObject({ code: "not_supported_by_source", message: /^Archiving/ });
    await expect(approveErasure({ requestId: randomUUID(), actor: systemActor("test") })).rejects.toMatchObject({ code: "not_supported_by_source", message: /crypto-shredding needs Hindsight's own store/ });
  });

  it("follows messages written through write_message within seconds, into rollups", async () => {
    const index = startSourceIndexLoop(process.env.DATABASE_URL!, () => undefined);
    const rollups = startRollupLoop(process.env.DATABASE_URL!, () => undefined);
    try {
      await write({ streamName: "order-9", type: "OrderPlaced", data: { orderId: "9", total: 90 } });
      await vi.waitFor(
        async () => {
          const rolled = await getPool().query<{ n: number }>("SELECT sum(count)::bigint AS n FROM rollups_hourly WHERE category = 'order'");
          expect(rolled.rows[0].n).toBe(await sourceCount("message_store.category(stream_name) = 'order'"));
        },
        { timeout: 10_000, interval: 100 },
      );
    } finally {
      await index.stop();
      await rollups.stop();
    }
  });

  it("rebuilds a projection over Message DB (partitions by the index's stream hash) and keeps it live", async () => {
    for (let n = 0; n < 6; n++) {
      const streamName = `account-${n}`;
      await write({ streamName, type: "AccountOpened", data: { accountId: `${n}`, ownerId: `u${n}`, currency: "EUR" } });
      await write({ streamName, type: "FundsDeposited", data: { accountId: `${n}`, amount: 100 + n } });
      if (n % 2) await write({ streamName, type: "FundsWithdrawn", data: { accountId: `${n}`, amount: 7.5 } });
    }
    await indexAll();
    await waitForIndexBelowHorizon();
    const started = await startRebuild({ name: "account-balances", codeVersion: 2, partitions: 3, actor: systemActor("test") });
    expect(started).toMatchObject({ partitions: 3, events: 15 });
    await buildInline(started.versionId, { batchSize: 2 });
    const rows = async () => {
      const { rows } = await getPool().query<{ key: string; state: { balance: number; events: number } }>("SELECT key, state FROM projection_rows WHERE version_id = $1", [started.versionId]);
      return new Map(rows.map((r) => [r.key, r.state]));
    };
    const built = await rows();
    expect(built.size).toBe(6);
    expect(built.get("account-1")).toMatchObject({ balance: 93.5, events: 3 });
    expect(built.get("account-2")).toMatchObject({ balance: 102, events: 2 });

    await write({ streamName: "account-2", type: "FundsDeposited", data: { accountId: "2", amount: 10 } });
    await indexAll();
    await followUntilCaughtUp(started.versionId);
    expect((await rows()).get("account-2")).toMatchObject({ balance: 112, events: 3 });
  });
});
