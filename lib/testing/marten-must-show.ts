import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { appendEvents } from "../api/append-events";
import { runArchivePolicy } from "../archive/run-archive-policy";
import { approveErasure } from "../compliance/approve-erasure";
import { discoverSubject } from "../compliance/discover-erasure";
import { ERROR_STATUS } from "../errors";
import { takeSnapshots } from "../snapshots/take-snapshots";
import { getStreamDiff } from "../stream-state/get-stream-diff";
import { systemActor } from "../audit/actor";
import { causationLoopKind } from "../causation/alert-kinds";
import { getCorrelationGraph } from "../causation/get-correlation-graph";
import { getPool } from "../db";
import { getGrowth, growthQuerySchema } from "../growth/get-growth";
import { startRollupLoop } from "../growth/rollup-loop";
import { buildInline, followUntilCaughtUp } from "../projections/build-inline";
import { startRebuild } from "../projections/start-rebuild";
import { startSourceIndexLoop } from "../source/index/source-index-loop";
import { assertSourceUsable, closeSource, getSource } from "../source/open-source";
import { getEvent } from "../store/get-event";
import { listStreams } from "../store/list-streams";
import { readStream } from "../store/read-stream";
import { searchStreams } from "../store/search-streams";
import { getStoreTotals } from "../store/store-overview";
import { getStateAt } from "../stream-state/get-state-at";
import { appendLikeMarten, type MartenEventToAppend } from "./marten-append";
import { createMartenTables, grantMartenReader, type MartenConfig } from "./marten-schema";
import { createSourceDatabase, type SourceDatabase } from "./source-database";
import { indexAllOf, rollUpAll, waitForIndexBelowHorizon } from "./source-index-wait";

/**
 * Issue #16's must-shows over one Marten configuration, its tables made as Marten's schema code
 * makes them and filled as its quick append fills them: orders, and a UserUpdated ↔ ProfileUpdated
 * loop in correlation_id / causation_id. One configuration per test file: a Hindsight database
 * indexes one source.
 */
export function martenMustShow(cfg: MartenConfig, tenant: string | null): void {
  let db: SourceDatabase;
  let writer: pg.Client;
  const loop = randomUUID();
  const keys = new Map<string, string>();
  /** Marten's own id for a named test stream: a Guid, or the name itself as a string key. */
  const key = (name: string) => {
    if (!keys.has(name)) keys.set(name, cfg.identity === "guid" ? randomUUID() : name);
    return keys.get(name)!;
  };
  /** The stream id Hindsight shows: the tenant leads it under conjoined tenancy. */
  const shown = (name: string) => (cfg.conjoined ? `${tenant}/${key(name)}` : key(name));
  const s = `"${cfg.schema}"`;

  /** One quick append in one transaction, as Marten's SaveChanges commits it. */
  async function append(name: string, streamType: string, events: MartenEventToAppend[]): Promise<string[]> {
    await writer.query("BEGIN");
    try {
      const r = await appendLikeMarten(writer, cfg, { streamId: key(name), streamType, tenantId: tenant ?? undefined, events });
      await writer.query("COMMIT");
      return r.events.map((e) => e.id);
    } catch (e) {
      await writer.query("ROLLBACK");
      throw e;
    }
  }

  async function sourceCount(where = "TRUE", params: unknown[] = []): Promise<number> {
    const tenantJoin = cfg.conjoined ? " AND st.tenant_id = e.tenant_id" : "";
    const { rows } = await writer.query<{ n: string }>(`SELECT count(*) AS n FROM ${s}.mt_events e JOIN ${s}.mt_streams st ON st.id = e.stream_id${tenantJoin} WHERE ${where}`, params);
    return Number(rows[0].n);
  }
  const indexAll = async () => indexAllOf(await sourceCount());

  beforeAll(async () => {
    db = await createSourceDatabase(inject("clusterUrl"), "marten");
    writer = new pg.Client({ connectionString: db.adminUrl });
    await writer.connect();
    await createMartenTables(writer, cfg);
    process.env.HINDSIGHT_SOURCE_KIND = "marten";
    process.env.HINDSIGHT_SOURCE_URL = await db.role((c, role) => grantMartenReader(c, cfg.schema, role));
    if (cfg.schema !== "public") process.env.HINDSIGHT_SOURCE_SCHEMA = cfg.schema;
    for (const n of [1, 2, 3]) {
      await append(`order-${n}`, "order", [
        { type: "OrderPlaced", data: { orderId: `${n}`, total: 10 * n } },
        ...(n < 3 ? [{ type: "OrderShipped", data: { orderId: `${n}`, carrier: "dhl" } }] : []),
      ]);
    }
    // The loop: each update of a user causes a profile update, which causes a user update again.
    let cause: string | undefined;
    for (let i = 0; i < 6; i++) {
      const isUser = i % 2 === 0;
      const data = isUser ? { userId: "ada", name: `Ada ${i}` } : { userId: "ada", displayName: `Ada ${i}` };
      const event = { type: isUser ? "UserUpdated" : "ProfileUpdated", data, correlationId: loop, causationId: cause };
      [cause] = await append(isUser ? "user-ada" : "profile-ada", isUser ? "user" : "profile", [event]);
    }
  }, 120_000);

  afterAll(async () => {
    await closeSource();
    for (const k of ["HINDSIGHT_SOURCE_KIND", "HINDSIGHT_SOURCE_URL", "HINDSIGHT_SOURCE_SCHEMA"]) delete process.env[k];
    await writer?.end();
    await db?.drop();
  });

  describe(`Hindsight over a Marten v${cfg.version} store (${cfg.identity} streams${cfg.conjoined ? ", conjoined tenancy" : ""}, schema ${cfg.schema})`, () => {
    it("opens the Marten adapter from HINDSIGHT_SOURCE_KIND and passes start-up's check with the reader role", async () => {
      expect(getSource().kind).toBe("marten");
      await expect(assertSourceUsable()).resolves.toBeUndefined();
    });

    it("indexes every event once, its category from mt_streams.type and its causation chain", async () => {
      const total = await sourceCount();
      expect(await indexAll()).toBe(total);
      expect(await indexAll()).toBe(0);
      const deepest = await getPool().query<{ depth: number }>("SELECT max(causation_depth) AS depth FROM source_events WHERE correlation_id = $1", [loop]);
      expect(deepest.rows[0].depth).toBe(5);
      const streams = await getPool().query("SELECT stream_id, category, version, event_count FROM source_streams WHERE category = 'order' ORDER BY stream_id");
      const want = [1, 2, 3].map((n) => ({ stream_id: shown(`order-${n}`), category: "order", version: n < 3 ? 2 : 1, event_count: n < 3 ? 2 : 1 }));
      expect(streams.rows).toEqual(want.sort((a, b) => (a.stream_id < b.stream_id ? -1 : 1)));
    });

    it("counts growth equal to Marten's own counts, per stream type", async () => {
      await rollUpAll();
      const growth = await getGrowth(growthQuerySchema.parse({ bucket: "hour" }));
      const byCategory = new Map<string, number>();
      for (const b of growth) byCategory.set(b.key, (byCategory.get(b.key) ?? 0) + b.count);
      expect([...byCategory.keys()].sort()).toEqual(["order", "profile", "user"]);
      for (const category of ["order", "user", "profile"]) {
        const own = await sourceCount("st.type = $1", [category]);
        expect(byCategory.get(category)).toBe(own);
        expect(await getSource().countEvents({ category })).toBe(own);
      }
      const streams = Number((await writer.query<{ n: string }>(`SELECT count(*) AS n FROM ${s}.mt_streams`)).rows[0].n);
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
      expect(second).toMatchObject({ streamId: shown("profile-ada"), streamVersion: 1, cause: { eventId: graph.nodes[0].eventId }, effects: { count: 1 } });
      const findings = await causationLoopKind.evaluate({ db: getPool(), now: new Date(), params: causationLoopKind.params.parse({ minRepetitions: 1 }) });
      expect(findings.map((f) => f.key)).toEqual([`correlation:${loop}`]);
    });

    it("browses and searches streams, payloads read from Marten", async () => {
      const page = await readStream({ streamId: shown("order-1"), pii: "clear" });
      expect(page).toMatchObject({ streamId: shown("order-1"), version: 2, next: null });
      expect(page.events.map((e) => [e.streamVersion, e.type, e.data.orderId])).toEqual([[1, "OrderPlaced", "1"], [2, "OrderShipped", "1"]]);
      await expect(readStream({ streamId: shown("order-404"), pii: "clear" })).rejects.toMatchObject({ code: "stream_not_found" });
      const orders = [1, 2, 3].map((n) => shown(`order-${n}`)).sort();
      expect((await listStreams({ category: "order" })).streams.map((x) => x.streamId)).toEqual(orders);
      const shipped = await searchStreams({ eventType: "OrderShipped", canSearchSubjects: true });
      expect(shipped.streams.map((x) => x.streamId)).toEqual(orders.filter((id) => id !== shown("order-3")));
    });

    it("folds the state as of a version with the domain's reducer", async () => {
      const at2 = await getStateAt({ streamId: shown("user-ada"), target: { version: 2 }, pii: "clear" });
      expect(at2).toMatchObject({ version: 2, eventsFolded: 2, state: { userId: "ada", name: "Ada 2", updates: 2 } });
      const latest = await getStateAt({ streamId: shown("user-ada"), pii: "masked" });
      expect(latest).toMatchObject({ version: 3, state: { name: "[masked]", updates: 3 } });
    });

    it("searches by subject and discovers where a subject's data sits, by the domain's declared PII", async () => {
      const ada = [shown("profile-ada"), shown("user-ada")].sort();
      expect((await searchStreams({ subject: "ada", canSearchSubjects: true })).streams.map((x) => x.streamId)).toEqual(ada);
      const found = await discoverSubject("ada");
      expect(found).toMatchObject({ events: 6, streams: 2, snapshots: 0 });
      expect(found.holdings.filter((h) => h.source === "events").map((h) => [h.label, h.count])).toEqual([["profile / ProfileUpdated", 3], ["user / UserUpdated", 3]]);
      expect((await discoverSubject("nobody")).events).toBe(0);
    });

    it("diffs two versions and keeps snapshots in Hindsight's database, time travel starting from them", async () => {
      const diff = await getStreamDiff({ streamId: shown("user-ada"), from: { version: 1 }, to: { version: 3 }, pii: "clear" });
      expect(diff.changes.map((c) => c.path)).toEqual(expect.arrayContaining(["name", "updates"]));
      expect(diff.events.map((e) => e.streamVersion)).toEqual([2, 3]);
      await getPool().query("INSERT INTO snapshot_policies (category, every_n_events) VALUES ('user', 2) ON CONFLICT (category) DO UPDATE SET every_n_events = 2");
      expect(await takeSnapshots({ category: "user" })).toMatchObject({ streams: 1, snapshots: 1 });
      const fromSnapshot = await getStateAt({ streamId: shown("user-ada"), pii: "clear" });
      expect(fromSnapshot).toMatchObject({ version: 3, fromSnapshotVersion: 2, eventsFolded: 1, state: { name: "Ada 4", updates: 3 } });
      expect(fromSnapshot.state).toEqual((await getStateAt({ streamId: shown("user-ada"), pii: "clear", useSnapshots: false })).state);
    });

    it("refuses appending, archiving and shredding with the adapter's reason, before reading anything", async () => {
      let read = false;
      const refused = appendEvents({ streamId: shown("order-1"), readBody: async () => ((read = true), { events: [] }), idempotencyHeader: null });
      await expect(refused).rejects.toMatchObject({ code: "not_supported_by_source", message: expect.stringMatching(/^Marten streams are written by/) });
      expect(read).toBe(false);
      expect(ERROR_STATUS.not_supported_by_source).toBe(409);
      await expect(runArchivePolicy({ category: "order", trigger: "manual" })).rejects.toMatchObject({ code: "not_supported_by_source", message: /^Archiving/ });
      await expect(approveErasure({ requestId: randomUUID(), actor: systemActor("test") })).rejects.toMatchObject({ code: "not_supported_by_source", message: /crypto-shredding needs Hindsight's own store/ });
    });

    it("follows events Marten appends within seconds, into rollups", async () => {
      const index = startSourceIndexLoop(process.env.DATABASE_URL!, () => undefined);
      const rollups = startRollupLoop(process.env.DATABASE_URL!, () => undefined);
      try {
        await append("order-9", "order", [{ type: "OrderPlaced", data: { orderId: "9", total: 90 } }]);
        await vi.waitFor(
          async () => {
            const rolled = await getPool().query<{ n: number }>("SELECT sum(count)::bigint AS n FROM rollups_hourly WHERE category = 'order'");
            expect(rolled.rows[0].n).toBe(await sourceCount("st.type = 'order'"));
          },
          { timeout: 10_000, interval: 100 },
        );
      } finally {
        await index.stop();
        await rollups.stop();
      }
    });

    it("rebuilds a projection over Marten (partitions by the index's stream hash) and keeps it live", async () => {
      for (let n = 0; n < 6; n++) {
        await append(`account-${n}`, "account", [
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
        const { rows } = await getPool().query<{ key: string; state: { balance: number; events: number } }>("SELECT key, state FROM projection_rows WHERE version_id = $1", [started.versionId]);
        return new Map(rows.map((r) => [r.key, r.state]));
      };
      const built = await rows();
      expect(built.size).toBe(6);
      expect(built.get(shown("account-1"))).toMatchObject({ balance: 93.5, events: 3 });
      expect(built.get(shown("account-2"))).toMatchObject({ balance: 102, events: 2 });

      await append("account-2", "account", [{ type: "FundsDeposited", data: { accountId: "2", amount: 10 } }]);
      await indexAll();
      await followUntilCaughtUp(started.versionId);
      expect((await rows()).get(shown("account-2"))).toMatchObject({ balance: 112, events: 3 });
    });
  });
}
