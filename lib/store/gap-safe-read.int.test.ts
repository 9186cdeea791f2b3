import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "../db";
import { startCluster, type EmbeddedCluster } from "../embedded-postgres";
import { migrate } from "../migrate";
import { hindsightTypes } from "../pg-types";
import { freePort } from "../testing/global-setup";
import { APPEND_SQL, buildAppendPayload, toAppendResult, type AppendResult, type RawAppendResult } from "./append-to-stream";
import { LOG_START, type LogPosition } from "./log-cursor";
import { readAll } from "./read-all";
import { setEnv } from "../env";

// Invariant 3: readers of the global log never skip an event, whatever order transactions commit in.
// The snapshot xmin is cluster-wide (a held transaction stalls readers of every database), so this
// file runs on its own PostgreSQL instead of sharing the test cluster with other files.

let cluster: EmbeddedCluster | undefined;
let dir: string | undefined;
let url = "";
const clients: pg.Client[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-gap-pg-"));
  cluster = await startCluster({ dir, port: await freePort() });
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE hindsight_gap");
  await admin.end();
  url = cluster.url("hindsight_gap");
  await migrate(url);
  await closeDb(); // the pool is re-created on the next use, against this instance
  setEnv({ DATABASE_URL: url });
}, 120_000);

afterAll(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => undefined);
  await closeDb();
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function connect(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, types: hindsightTypes });
  await c.connect();
  clients.push(c);
  return c;
}

async function release(c: pg.Client): Promise<void> {
  clients.splice(clients.indexOf(c), 1);
  await c.end();
}

/** Appends inside the client's open transaction, through the same hs_append() call appendToStream makes. */
async function appendIn(c: pg.Client, streamId: string, n = 1): Promise<AppendResult> {
  const payload = await buildAppendPayload({
    streamId,
    events: Array.from({ length: n }, (_, i) => ({ type: "OrderShipped", data: { orderId: streamId, carrier: "dhl", trackingNumber: `${i}` } })),
  });
  const { rows } = await c.query<{ r: RawAppendResult }>(APPEND_SQL, [JSON.stringify(payload)]);
  return toAppendResult(rows[0].r, payload);
}

async function currentXid(c: pg.Client): Promise<bigint> {
  const { rows } = await c.query<{ xid: string }>("SELECT pg_current_xact_id()::text AS xid");
  return BigInt(rows[0].xid);
}

type Seen = { eventId: string; txId: bigint; position: number };

/** The real reader: readAll from its last cursor, collecting everything it is handed. */
function logReader(category: string, pageSize = 100) {
  let cursor: LogPosition = LOG_START;
  const seen: Seen[] = [];
  return {
    seen,
    /** One poll: reads pages until the log (as far as it is safe to read) is exhausted; returns what was new. */
    async poll(): Promise<Seen[]> {
      const fresh: Seen[] = [];
      for (;;) {
        const page = await readAll({ after: cursor, limit: pageSize, category, pii: "masked" });
        cursor = page.last;
        if (page.events.length === 0) break;
        const rows = await txIdsOf(page.events.map((e) => e.eventId));
        for (const e of page.events) fresh.push({ eventId: e.eventId, txId: rows.get(e.eventId)!, position: e.globalPosition });
      }
      seen.push(...fresh);
      return fresh;
    },
  };
}

async function txIdsOf(eventIds: string[]): Promise<Map<string, bigint>> {
  const c = await connect();
  const { rows } = await c.query<{ event_id: string; tx: string }>("SELECT event_id, tx_id::text AS tx FROM events WHERE event_id = ANY($1::uuid[])", [eventIds]);
  await release(c);
  return new Map(rows.map((r) => [r.event_id, BigInt(r.tx)]));
}

/** The reader this invariant guards against: ORDER BY global_position with a position checkpoint. */
function naivePositionReader(category: string) {
  let checkpoint = 0;
  const seen: string[] = [];
  return {
    seen,
    async poll(): Promise<void> {
      const c = await connect();
      const { rows } = await c.query<{ event_id: string; global_position: number }>(
        "SELECT event_id, global_position FROM events WHERE global_position > $1 AND category = $2 ORDER BY global_position",
        [checkpoint, category],
      );
      await release(c);
      for (const r of rows) seen.push(r.event_id);
      if (rows.length) checkpoint = rows[rows.length - 1].global_position;
    },
  };
}

/** Log order without the xmin horizon: (tx_id, global_position) checkpoints, but reading whatever is committed. */
function naiveTxOrderReader(category: string) {
  let checkpoint = { tx: "0", pos: 0 };
  const seen: string[] = [];
  return {
    seen,
    async poll(): Promise<void> {
      const c = await connect();
      const { rows } = await c.query<{ event_id: string; tx: string; global_position: number }>(
        `SELECT event_id, tx_id::text AS tx, global_position FROM events
          WHERE (tx_id, global_position) > ($1::xid8, $2::bigint) AND category = $3 ORDER BY tx_id, global_position`,
        [checkpoint.tx, checkpoint.pos, category],
      );
      await release(c);
      for (const r of rows) seen.push(r.event_id);
      if (rows.length) checkpoint = { tx: rows[rows.length - 1].tx, pos: rows[rows.length - 1].global_position };
    },
  };
}

const ids = (r: AppendResult) => r.events.map((e) => e.eventId);

function expectLogOrder(seen: Seen[]): void {
  for (let i = 1; i < seen.length; i++) {
    const [a, b] = [seen[i - 1], seen[i]];
    expect(a.txId < b.txId || (a.txId === b.txId && a.position < b.position), `event ${i} is out of log order`).toBe(true);
  }
}

describe("gap-safe reading of the global log", () => {
  it("given writer A took its xid first and writer B inserted and committed while A was open, when A commits last, then a polling reader sees every event exactly once in log order", async () => {
    const category = `gaphard${randomUUID().slice(0, 8)}`;
    const reader = logReader(category);
    const txReader = naiveTxOrderReader(category);
    const pollAll = async () => {
      await txReader.poll();
      return reader.poll();
    };

    const a = await connect();
    const b = await connect();
    await a.query("BEGIN");
    const xidA = await currentXid(a);
    expect(await pollAll()).toEqual([]);

    await b.query("BEGIN");
    const appendedB = await appendIn(b, `${category}-b`, 2);
    const xidB = await currentXid(b);
    expect(xidB).toBeGreaterThan(xidA);
    expect(await pollAll()).toEqual([]);
    await b.query("COMMIT");

    // B is committed but A (older xid) is still open: the reader must hold B back, or it would checkpoint past A.
    expect(await pollAll()).toEqual([]);
    expect(txReader.seen).toEqual(ids(appendedB));

    const appendedA = await appendIn(a, `${category}-a`, 1);
    expect(appendedA.events[0].globalPosition).toBeGreaterThan(appendedB.events[1].globalPosition);
    expect(await pollAll()).toEqual([]);
    await a.query("COMMIT");

    const afterCommit = await pollAll();
    expect(afterCommit.map((e) => e.eventId)).toEqual([...ids(appendedA), ...ids(appendedB)]);
    expect(await pollAll()).toEqual([]);

    expect(reader.seen.map((e) => e.eventId)).toEqual([...ids(appendedA), ...ids(appendedB)]);
    expectLogOrder(reader.seen);
    // Without the xmin horizon the tx-ordered reader took B, checkpointed past A's xid, and never sees A.
    expect(txReader.seen).toEqual(ids(appendedB));
    expect(txReader.seen).not.toContain(appendedA.events[0].eventId);
    await Promise.all([release(a), release(b)]);
  });

  it("given writer A inserted first (lower position) and B committed a higher position while A was open, when A commits, then the reader sees both once but a position-checkpoint reader skips A", async () => {
    const category = `gappos${randomUUID().slice(0, 8)}`;
    const reader = logReader(category);
    const naive = naivePositionReader(category);
    const pollAll = async () => {
      await naive.poll();
      return reader.poll();
    };

    const a = await connect();
    const b = await connect();
    await a.query("BEGIN");
    const appendedA = await appendIn(a, `${category}-a`, 1);
    await b.query("BEGIN");
    const appendedB = await appendIn(b, `${category}-b`, 1);
    expect(appendedA.events[0].globalPosition).toBeLessThan(appendedB.events[0].globalPosition);
    await b.query("COMMIT");

    expect(await pollAll()).toEqual([]);
    expect(naive.seen).toEqual(ids(appendedB));

    await a.query("COMMIT");
    await pollAll();
    await pollAll();

    expect(reader.seen.map((e) => e.eventId)).toEqual([...ids(appendedA), ...ids(appendedB)]);
    expectLogOrder(reader.seen);
    expect(naive.seen).toEqual(ids(appendedB)); // A's lower position is behind the naive checkpoint for good
    await Promise.all([release(a), release(b)]);
  });

  it("given many writers holding transactions open for random times (some rolling back), when a reader polls throughout, then it sees every committed event exactly once in log order and nothing rolled back", async () => {
    const category = `gaprand${randomUUID().slice(0, 8)}`;
    const WRITERS = 40;
    const STREAMS = 6;
    const reader = logReader(category, 7); // small pages: the cursor is exercised mid-poll too
    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const rand = (max: number) => Math.floor(Math.random() * max);

    let writing = true;
    const polling = (async () => {
      while (writing) {
        await reader.poll();
        await sleep(rand(8));
      }
    })();

    await Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        await sleep(rand(150));
        const c = await connect();
        let result: AppendResult;
        for (;;) {
          await c.query("BEGIN");
          if (Math.random() < 0.5) await currentXid(c); // take the xid early, insert late
          await sleep(rand(60));
          try {
            result = await appendIn(c, `${category}-${i % STREAMS}`, 1 + rand(3));
            break;
          } catch (e) {
            // An xid older than the stream's last event is refused (it would sort before it): retry in a new transaction.
            if ((e as { code?: string }).code !== "40001") throw e;
            await c.query("ROLLBACK");
          }
        }
        await sleep(rand(60));
        if (i % 7 === 3) {
          await c.query("ROLLBACK");
          for (const id of ids(result)) rolledBack.add(id);
        } else {
          await c.query("COMMIT");
          for (const id of ids(result)) committed.add(id);
        }
        await release(c);
      }),
    );
    writing = false;
    await polling;
    await reader.poll();

    const seenIds = reader.seen.map((e) => e.eventId);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect(new Set(seenIds)).toEqual(committed);
    expect(seenIds.filter((id) => rolledBack.has(id))).toEqual([]);
    expect(rolledBack.size).toBeGreaterThan(0);
    expectLogOrder(reader.seen);
  });
});
