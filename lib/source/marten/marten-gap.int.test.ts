import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendLikeMarten, tombstonesLikeMarten } from "../../testing/marten-append";
import { createMartenTables, grantMartenReader, type MartenConfig } from "../../testing/marten-schema";
import { startOwnCluster } from "../../testing/own-cluster";
import { createSourceDatabase, type SourceDatabase } from "../../testing/source-database";
import { drainLog } from "../../testing/source-reading";
import type { EventSource, SourceCursor } from "../contract";
import { openMartenSource } from "./index";

// Gap safety over Marten's seq_id (mt_events_sequence, no transaction id), proven with held
// writer transactions. pg_stat_activity and snapshots are cluster-wide: this file has its own PostgreSQL.

const cfg: MartenConfig = { version: 9, schema: "public", identity: "string" };
let cluster: Awaited<ReturnType<typeof startOwnCluster>> | undefined;
let db: SourceDatabase;
let readerUrl = "";
const sources: EventSource[] = [];
const clients: pg.Client[] = [];

beforeAll(async () => {
  cluster = await startOwnCluster("marten-gap");
  db = await createSourceDatabase(cluster.superuserUrl, "marten");
  await db.adminQuery("SELECT 1");
  const c = await session();
  await createMartenTables(c, cfg);
  await end(c);
  readerUrl = await db.role((r, role) => grantMartenReader(r, cfg.schema, role));
}, 120_000);

afterAll(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => undefined);
  for (const s of sources.splice(0)) await s.close();
  await cluster?.stop();
}, 60_000);

function open(): EventSource {
  const s = openMartenSource({ url: readerUrl, schema: null });
  sources.push(s);
  return s;
}

/** A session as the application's Marten connection. */
async function session(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.adminUrl });
  await c.connect();
  clients.push(c);
  return c;
}

async function end(c: pg.Client): Promise<void> {
  clients.splice(clients.indexOf(c), 1);
  await c.end();
}

const one = (c: pg.Client, streamId: string, type = "Ticked") => appendLikeMarten(c, cfg, { streamId, streamType: "tick", events: [{ type, data: {} }] });
const ids = (page: { events: { eventId: string }[] }) => page.events.map((e) => e.eventId);

describe("gap-safe reading of Marten's seq_id log", () => {
  it("given append A took a seq_id and B committed a higher one while A was open, when A commits, then the reader returns A then B once", async () => {
    const source = open();
    const { cursor } = await drainLog(source, null);
    const a = await session();
    const b = await session();
    await a.query("BEGIN");
    const wa = await one(a, "a-1");
    const wb = await one(b, "b-1");

    const held = await source.readLog(cursor, { limit: 10 });
    expect(held).toMatchObject({ events: [], caughtUp: true });
    await a.query("COMMIT");
    const after = await source.readLog(held.cursor, { limit: 10 });
    expect(ids(after)).toEqual([wa.events[0].id, wb.events[0].id]);
    await Promise.all([end(a), end(b)]);
  });

  it("given a rolled-back append, the reader passes its hole at once when Marten tombstones it, and otherwise only once nobody open at the first sighting is still open", async () => {
    const source = open();
    const { cursor } = await drainLog(source, null);

    // Marten's way: the failed append's seq_id is filled by a Tombstone event, so there is no gap to wait out.
    const failed = await session();
    await failed.query("BEGIN");
    const lost = await one(failed, "lost-1");
    await failed.query("ROLLBACK");
    const kept = await one(failed, "kept-1");
    const waiting = await source.readLog(cursor, { limit: 10 });
    expect(waiting.events).toEqual([]);
    await tombstonesLikeMarten(failed, cfg, [lost.events[0].seqId]);
    const filled = await source.readLog(waiting.cursor, { limit: 10 });
    expect(ids(filled)).toEqual([kept.events[0].id]);

    // No tombstone: an idle session open since before the sighting holds the gap (Marten's rich append
    // takes seq_ids before it inserts, so even a session without an xid may hold one) until it ends.
    const idle = await session();
    await idle.query("BEGIN; SELECT 1");
    await failed.query("BEGIN");
    await one(failed, "lost-2");
    await failed.query("ROLLBACK");
    const kept2 = await one(failed, "kept-2");
    const seen = await source.readLog(filled.cursor, { limit: 10 });
    expect(seen.events).toEqual([]);
    expect((await source.readLog(seen.cursor, { limit: 10 })).events).toEqual([]);
    await idle.query("COMMIT");
    const crossed = await open().readLog(seen.cursor, { limit: 10 }); // a restarted reader, with the cursor it was handed
    expect(ids(crossed)).toEqual([kept2.events[0].id]);
    await Promise.all([end(failed), end(idle)]);
  });

  it("given many appenders holding transactions open for random times (some rolling back), when a reader polls throughout, then it sees every committed event exactly once in seq_id order", async () => {
    const source = open();
    let cursor: SourceCursor | null = (await drainLog(source, (await drainLog(source, null)).cursor)).cursor;
    const seen: { id: string; position: number }[] = [];
    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const rand = (max: number) => Math.floor(Math.random() * max);
    const poll = async () => {
      const page = await drainLog(source, cursor, 4);
      cursor = page.cursor;
      seen.push(...page.events.map((e) => ({ id: e.eventId, position: e.globalPosition })));
    };

    let writing = true;
    const polling = (async () => {
      while (writing) {
        await poll();
        await sleep(rand(8));
      }
    })();
    await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        await sleep(rand(150));
        const c = await session();
        await c.query("BEGIN");
        await sleep(rand(40));
        const r = await appendLikeMarten(c, cfg, { streamId: `r${i}`, streamType: "tick", events: Array.from({ length: 1 + rand(3) }, (_, k) => ({ type: "Ticked", data: { i, k } })) });
        await sleep(rand(60));
        const rollback = i % 7 === 3;
        await c.query(rollback ? "ROLLBACK" : "COMMIT");
        for (const e of r.events) (rollback ? rolledBack : committed).add(e.id);
        await end(c);
      }),
    );
    writing = false;
    await polling;
    await poll();
    await poll();

    const seenIds = seen.map((e) => e.id);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect(new Set(seenIds)).toEqual(committed);
    expect(seenIds.filter((id) => rolledBack.has(id))).toEqual([]);
    expect(rolledBack.size).toBeGreaterThan(0);
    expect(seen.map((e) => e.position)).toEqual([...seen.map((e) => e.position)].sort((x, y) => x - y));
  });
});
