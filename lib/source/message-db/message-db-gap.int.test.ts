import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installMessageDb, writeMessage, type MessageDb } from "../../testing/message-db";
import { startOwnCluster } from "../../testing/own-cluster";
import { drainLog } from "../../testing/source-reading";
import type { EventSource, SourceCursor } from "../contract";
import { openMessageDbSource } from "./index";

// Gap safety over Message DB's plain global_position sequence, proven with held writer
// transactions. pg_stat_activity and snapshots are cluster-wide, so this file runs on its own PostgreSQL.

let cluster: Awaited<ReturnType<typeof startOwnCluster>> | undefined;
let db: MessageDb;
let readerUrl = "";
const sources: EventSource[] = [];
const clients: pg.Client[] = [];

beforeAll(async () => {
  cluster = await startOwnCluster("mdb-gap");
  db = await installMessageDb(cluster.superuserUrl);
  readerUrl = await db.readerUrl();
}, 120_000);

afterAll(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => undefined);
  for (const s of sources.splice(0)) await s.close();
  await cluster?.stop();
}, 60_000);

function open(url = readerUrl): EventSource {
  const s = openMessageDbSource({ url, schema: null });
  sources.push(s);
  return s;
}

/** A session as message_store, as Message DB's clients connect. */
async function session(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.writerUrl });
  await c.connect();
  clients.push(c);
  return c;
}

async function end(c: pg.Client): Promise<void> {
  clients.splice(clients.indexOf(c), 1);
  await c.end();
}

/** The reader this strategy guards against: ORDER BY global_position with a position checkpoint. */
function positionCheckpointReader() {
  let checkpoint = 0;
  const seen: string[] = [];
  return {
    seen,
    async poll(): Promise<void> {
      const { rows } = await db.adminQuery<{ id: string; global_position: string }>(
        "SELECT id::text, global_position FROM message_store.messages WHERE global_position > $1 ORDER BY global_position",
        [checkpoint],
      );
      for (const r of rows) seen.push(r.id);
      if (rows.length) checkpoint = Number(rows[rows.length - 1].global_position);
    },
  };
}

const ids = (page: { events: { eventId: string }[] }) => page.events.map((e) => e.eventId);

describe("gap-safe reading of Message DB's global log", () => {
  it("given writer A took a position and B committed a higher one while A was open, when A commits, then the reader returns A then B once, where a position-checkpoint reader loses A", async () => {
    const source = open();
    const naive = positionCheckpointReader();
    const start = await drainLog(source, null);
    await naive.poll();

    const a = await session();
    const b = await session();
    await a.query("BEGIN");
    const wa = await writeMessage(a, { streamName: "alpha-1", type: "Opened", data: { n: 1 } });
    const wb = await writeMessage(b, { streamName: "beta-1", type: "Opened", data: { n: 2 } });

    await naive.poll();
    const held = await source.readLog(start.cursor, { limit: 10 });
    expect(held).toMatchObject({ events: [], caughtUp: true });
    expect(held.cursor).toMatch(/^mdb1:\d+:\d+:\d+$/); // the gap's first sighting travels in the cursor

    await a.query("COMMIT");
    await naive.poll();
    const after = await source.readLog(held.cursor, { limit: 10 });
    expect(ids(after)).toEqual([wa.id, wb.id]);
    expect((await source.readLog(after.cursor, { limit: 10 })).events).toEqual([]);
    expect(naive.seen).toEqual([wb.id]); // B's higher position moved its checkpoint past A for good
    await Promise.all([end(a), end(b)]);
  });

  it("given writer A rolled back its position, the reader crosses the dead gap only once no transaction open when it was first seen is still open, across a restart", async () => {
    const first = open();
    const { cursor: start } = await drainLog(first, null);
    const idleNoXid = await session(); // open before the gap, idle, no xid: it cannot hold a position
    await idleNoXid.query("BEGIN; SELECT 1");
    const withXid = await session(); // open before the gap, holding an xid: it might
    await withXid.query("BEGIN; SELECT pg_current_xact_id()");
    const a = await session();
    await a.query("BEGIN");
    await writeMessage(a, { streamName: "gamma-1", type: "Lost", data: {} });
    const b = await session();
    const wb = await writeMessage(b, { streamName: "delta-1", type: "Kept", data: {} });

    const seen = await first.readLog(start, { limit: 10 });
    expect(seen.events).toEqual([]);
    await a.query("ROLLBACK");
    const stillHeld = await first.readLog(seen.cursor, { limit: 10 });
    expect(stillHeld.events).toEqual([]); // withXid was open when the gap was first seen

    const later = await session(); // began after the sighting: it cannot hold the gap's position
    await later.query("BEGIN; SELECT pg_current_xact_id()");
    await withXid.query("COMMIT");

    const restarted = open(); // a new process, with only the cursor it was handed
    const crossed = await restarted.readLog(stillHeld.cursor, { limit: 10 });
    expect(ids(crossed)).toEqual([wb.id]);
    // A caller that kept no cursor from the empty pages still crosses: the process remembers its first sighting.
    expect(ids(await first.readLog(start, { limit: 10 }))).toEqual([wb.id]);
    expect((await restarted.readLog(start, { limit: 10 })).events).toEqual([]); // a fresh sighting there: `later` is still open

    // Without pg_read_all_stats other roles' sessions are hidden, so the same gap is never taken as final.
    const blind = open(await db.readerUrl({ stats: false }));
    expect((await blind.readLog(stillHeld.cursor, { limit: 10 })).events).toEqual([]);
    await later.query("ROLLBACK");
    await idleNoXid.query("ROLLBACK");
    await Promise.all([end(idleNoXid), end(withXid), end(a), end(b), end(later)]);
  });

  it("given many writers holding transactions open for random times (some rolling back), when a reader polls throughout, then it sees every committed message exactly once in position order", async () => {
    const source = open();
    // Read past what earlier tests left (their dead gap is crossed on the second read, nobody being open any more).
    let cursor: SourceCursor | null = (await drainLog(source, (await drainLog(source, null)).cursor)).cursor;
    const seen: { id: string; position: number }[] = [];
    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const rand = (max: number) => Math.floor(Math.random() * max);
    const poll = async () => {
      const page = await drainLog(source, cursor, 4); // small pages: the cursor is exercised mid-poll too
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
        const written = [];
        for (let k = 0; k <= rand(3); k++) written.push((await writeMessage(c, { streamName: `w${i}-1`, type: "Ticked", data: { i, k } })).id);
        await sleep(rand(60));
        const rollback = i % 7 === 3;
        await c.query(rollback ? "ROLLBACK" : "COMMIT");
        for (const id of written) (rollback ? rolledBack : committed).add(id);
        await end(c);
      }),
    );
    writing = false;
    await polling;
    await poll(); // the last dead gaps are seen here ...
    await poll(); // ... and crossed here, once nobody who was open then is still open

    const seenIds = seen.map((e) => e.id);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect(new Set(seenIds)).toEqual(committed);
    expect(seenIds.filter((id) => rolledBack.has(id))).toEqual([]);
    expect(rolledBack.size).toBeGreaterThan(0);
    expect(seen.map((e) => e.position)).toEqual([...seen.map((e) => e.position)].sort((x, y) => x - y));
  });
});
