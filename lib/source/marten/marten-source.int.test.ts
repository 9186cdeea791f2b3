import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { appendLikeMarten, archiveLikeMarten, burnSequence, tombstonesLikeMarten, type MartenEventToAppend } from "../../testing/marten-append";
import { createMartenTables, grantMartenReader, type MartenConfig } from "../../testing/marten-schema";
import { createSourceDatabase, type SourceDatabase } from "../../testing/source-database";
import { causeChain, correlationCycles, drainLog, stateAt } from "../../testing/source-reading";
import type { EventSource } from "../contract";
import { openMartenSource } from "./index";

// Marten's tables made as its schema code makes them (v8 and v9), filled as its quick append
// fills them, read by openMartenSource as a role holding only what the README's Sources table names.

const CONFIGS: { name: string; cfg: MartenConfig; tenant: string | null }[] = [
  {
    name: "v9, Guid streams, own schema, correlation/causation/headers columns",
    cfg: { version: 9, schema: "events", identity: "guid", metadata: { correlationId: true, causationId: true, headers: true }, indexes: { uniqueEventId: true, eventType: true } },
    tenant: null,
  },
  { name: "v8, string streams, conjoined tenancy, no optional columns", cfg: { version: 8, schema: "public", identity: "string", conjoined: true }, tenant: "tenant-a" },
];

describe.each(CONFIGS)("Marten as a source ($name)", ({ cfg, tenant }) => {
  let db: SourceDatabase;
  let writer: pg.Client;
  let source: EventSource;
  const run = randomUUID().slice(0, 8);
  const streamKeys = new Map<string, string>();
  /** Marten's own id for a named test stream: a Guid, or a string key. */
  const key = (name: string) => {
    if (!streamKeys.has(name)) streamKeys.set(name, cfg.identity === "guid" ? randomUUID() : `${name}-${run}`);
    return streamKeys.get(name)!;
  };
  /** The stream id Hindsight shows: the tenant leads it under conjoined tenancy. */
  const shown = (name: string, t = tenant) => (cfg.conjoined ? `${t}/${key(name)}` : key(name));
  const append = (name: string, streamType: string, events: MartenEventToAppend[], t = tenant) =>
    appendLikeMarten(writer, cfg, { streamId: key(name), streamType, tenantId: t ?? undefined, events });

  beforeAll(async () => {
    db = await createSourceDatabase(inject("clusterUrl"), "marten");
    writer = new pg.Client({ connectionString: db.adminUrl });
    await writer.connect();
    await createMartenTables(writer, cfg);
    const url = await db.role((c, role) => grantMartenReader(c, cfg.schema, role));
    source = openMartenSource({ url, schema: cfg.schema === "public" ? null : cfg.schema });
    for (const n of [1, 2]) {
      await append(`order${n}`, "order", [
        { type: "OrderPlaced", data: { orderId: `o${n}`, customerId: "c1", items: [{ sku: "A", quantity: n, unitPrice: 5 }], total: 5 * n } },
        { type: "OrderPaid", data: { amount: 5 * n, method: "card" } },
      ]);
    }
    await append("order1", "order", [{ type: "OrderShipped", data: { carrier: "dhl", trackingNumber: "T1" } }]);
  }, 120_000);

  afterAll(async () => {
    await source?.close();
    await writer?.end();
    await db?.drop();
  });

  it("browses a stream by version, with its category from mt_streams.type and its tenant, and lists streams", async () => {
    const events = await source.readStream(shown("order1"));
    expect(events.map((e) => [e.streamVersion, e.type])).toEqual([[1, "OrderPlaced"], [2, "OrderPaid"], [3, "OrderShipped"]]);
    expect(events.every((e) => e.category === "order" && e.streamId === shown("order1") && e.tenant === (tenant ?? "*DEFAULT*"))).toBe(true);
    expect(events[0].recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}[+-]\d{2}:\d{2}$/);
    expect((await source.readStream(shown("order1"), { fromVersion: 2, toVersion: 2 })).map((e) => e.type)).toEqual(["OrderPaid"]);
    expect(await source.readStream(shown("missing"))).toEqual([]);
    expect(await source.readStream("not a stream of this store")).toEqual([]);
    expect((await source.getEvents([events[1].eventId, "x", randomUUID()])).map((e) => e.type)).toEqual(["OrderPaid"]);

    const prefix = cfg.conjoined ? `${tenant}/` : "";
    const listed = await source.listStreams({ prefix, limit: 100 });
    expect(listed.filter((s) => s.category === "order").map((s) => [s.streamId, s.version]).sort()).toEqual([[shown("order1"), 3], [shown("order2"), 2]].sort());
  });

  it("gives a stream's state as of a version, folded with the category's reducer", async () => {
    expect(await stateAt(source, shown("order1"), 2)).toMatchObject({ category: "order", folded: 2, state: { status: "paid", paid: true, total: 5 } });
    expect((await stateAt(source, shown("order1"), 3)).state).toMatchObject({ status: "shipped", shipment: { carrier: "dhl", trackingNumber: "T1" } });
  });

  it("counts the events Marten holds, by category and time window, leaving tombstones out and archived streams in", async () => {
    const before = await source.countEvents({ category: "order" });
    await append("order4", "order", [{ type: "OrderPlaced", data: { orderId: "o4" } }]);
    const burned = await burnSequence(writer, cfg, 2);
    await tombstonesLikeMarten(writer, cfg, burned, tenant ?? undefined);
    await archiveLikeMarten(writer, cfg, key("order4"), tenant ?? undefined);
    const own = await db.adminQuery<{ total: number; orders: number; lo: Date; hi: Date }>(
      `SELECT count(*) FILTER (WHERE e.type <> 'tombstone')::int AS total,
              count(*) FILTER (WHERE s.type = 'order')::int AS orders, min(e.timestamp) AS lo, max(e.timestamp) AS hi
         FROM "${cfg.schema}".mt_events e LEFT JOIN "${cfg.schema}".mt_streams s ON s.id = e.stream_id AND s.tenant_id = e.tenant_id`,
    );
    const { total, orders, lo, hi } = own.rows[0];
    expect(orders).toBe(before + 1);
    expect(await source.countEvents({ category: "order" })).toBe(orders);
    expect(await source.countEvents({})).toBe(total);
    expect(await source.countEvents({ from: lo, to: new Date(hi.getTime() + 1) })).toBe(total);
    expect(await source.countEvents({ from: new Date(hi.getTime() + 1) })).toBe(0);
    expect((await source.readStream(shown("order4"))).map((e) => e.type)).toEqual(["OrderPlaced"]);
    expect((await source.listStreams({ prefix: "", limit: 100 })).some((s) => s.category === "unknown")).toBe(false);
  });

  it("reads the log from a cursor and picks up events appended after it (live follow), passing tombstones unseen", async () => {
    const { events: before, cursor } = await drainLog(source, null, 3);
    expect(before.map((e) => e.globalPosition)).toEqual([...before.map((e) => e.globalPosition)].sort((a, b) => a - b));
    expect(before.some((e) => e.type === "tombstone")).toBe(false);
    expect(cursor).toMatch(/^mt1:\d+$/);

    const burned = await burnSequence(writer, cfg, 1); // a failed append's seq_id, filled by its tombstone
    await tombstonesLikeMarten(writer, cfg, burned, tenant ?? undefined);
    const added = await append("order3", "order", [{ type: "OrderPlaced", data: { orderId: "o3" } }, { type: "OrderPaid", data: { amount: 1 } }]);
    const page = await source.readLog(cursor, { limit: 10 });
    expect(page.events.map((e) => [e.eventId, e.streamVersion])).toEqual(added.events.map((e, i) => [e.id, i + 1]));
    expect(page.caughtUp).toBe(true);
    expect((await source.readLog(page.cursor, { limit: 10 })).events).toEqual([]);
  });

  it("maps correlation_id / causation_id so a UserUpdated ↔ ProfileUpdated loop is followed event to cause (when Marten keeps them)", async () => {
    const correlation = randomUUID();
    const written: string[] = [];
    for (let i = 0; i < 6; i++) {
      const [type, name, streamType] = i % 2 === 0 ? ["UserUpdated", "user", "user"] : ["ProfileUpdated", "profile", "profile"];
      const r = await append(name, streamType, [{ type, data: { step: i }, correlationId: correlation, causationId: written[i - 1], headers: { source: "sync" } }]);
      written.push(r.events[0].id);
    }
    const mine = (await source.getEvents(written)).sort((a, b) => a.globalPosition - b.globalPosition);
    if (!cfg.metadata?.correlationId) {
      expect(mine.every((e) => e.correlationId === null && e.causationId === null && Object.keys(e.metadata).length === 0)).toBe(true);
      return;
    }
    const inLoop = (await drainLog(source, null)).events.filter((e) => e.correlationId === correlation);
    expect(inLoop.map((e) => e.eventId)).toEqual(written);
    expect(inLoop[1].metadata).toEqual({ source: "sync" });
    expect((await causeChain(source, inLoop[5])).map((e) => e.eventId)).toEqual([...written].reverse());
    const cycles = await correlationCycles(source, inLoop);
    expect(cycles.map((c) => c.types)).toEqual([["ProfileUpdated", "UserUpdated"]]);
  });

  it.runIf(cfg.conjoined)("keeps the same stream key of two tenants apart", async () => {
    await append("order1", "order", [{ type: "OrderPlaced", data: { orderId: "other tenant" } }], "tenant-b");
    expect((await source.readStream(shown("order1", "tenant-b"))).map((e) => [e.streamVersion, e.data.orderId, e.tenant])).toEqual([[1, "other tenant", "tenant-b"]]);
    expect(await source.readStream(shown("order1"))).toHaveLength(3);
  });

  it("rejects cursors of another kind or shape clearly", async () => {
    for (const bad of ["mdb1:5", "v1:0:0", "em1:3", "mt1:x", "mt1:5:abc:9"]) {
      await expect(source.readLog(bad, { limit: 1 })).rejects.toMatchObject({ code: "invalid_cursor" });
    }
  });

  it("names each missing privilege, and refuses a store with a seq_id sequence per tenant", async () => {
    expect(await source.check()).toEqual({ ok: true, problems: [] });
    const bare = openMartenSource({ url: await db.role((c, role) => grantMartenReader(c, cfg.schema, role, { select: false, stats: false })), schema: cfg.schema });
    try {
      const { ok, problems } = await bare.check();
      expect(ok).toBe(false);
      expect(problems.map((p) => p.replace(/^.*(SELECT on \S+|pg_read_all_stats).*$/, "$1"))).toEqual([`SELECT on ${cfg.schema}.mt_events`, `SELECT on ${cfg.schema}.mt_streams`, "pg_read_all_stats"]);
    } finally {
      await bare.close();
    }
    await writer.query(`CREATE SEQUENCE "${cfg.schema}".mt_events_sequence_tenant_a`);
    const partitioned = openMartenSource({ url: await db.role((c, role) => grantMartenReader(c, cfg.schema, role)), schema: cfg.schema });
    try {
      expect((await partitioned.check()).problems).toEqual([expect.stringContaining("UseTenantPartitionedEvents")]);
      await expect(partitioned.readLog(null, { limit: 1 })).rejects.toThrow(/UseTenantPartitionedEvents/);
    } finally {
      await partitioned.close();
    }
  });
});
