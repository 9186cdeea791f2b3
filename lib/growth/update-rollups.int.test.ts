import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getPool } from "../db";
import { startCluster, type EmbeddedCluster } from "../embedded-postgres";
import { migrate } from "../migrate";
import { hindsightTypes } from "../pg-types";
import { appendToStream, APPEND_SQL, buildAppendPayload } from "../store/append-to-stream";
import { freePort } from "../testing/global-setup";
import { updateRollups } from "./update-rollups";
import { setEnv } from "../env";

// Rollups must equal count(*)/sum(size_bytes) per UTC hour, category and type, whatever order
// transactions commit in and however many copies of the update run. Held transactions stall log
// readers cluster-wide (the snapshot xmin), so this file runs on its own PostgreSQL.

let cluster: EmbeddedCluster | undefined;
let dir: string | undefined;
let url = "";

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-rollups-pg-"));
  cluster = await startCluster({ dir, port: await freePort() });
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE hindsight_rollups");
  await admin.end();
  url = cluster.url("hindsight_rollups");
  await migrate(url);
  await closeDb();
  setEnv({ DATABASE_URL: url });
}, 120_000);

afterAll(async () => {
  await closeDb();
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

const CATEGORIES = ["ticker", "order", "user"];
const TYPES = ["Ticked", "Placed", "Updated", "Noted"];
const rand = (n: number) => Math.floor(Math.random() * n);
const HOUR = 3_600_000;

/** A random append: 1–5 events of random types, backdated to random times over the last 3 days. */
function randomAppend(streamId = `${CATEGORIES[rand(CATEGORIES.length)]}-${rand(20)}`) {
  const n = 1 + rand(5);
  const base = Date.now() - rand(72) * HOUR;
  const times = Array.from({ length: n }, () => new Date(base + rand(HOUR)).toISOString()).sort();
  const events = times.map(() => ({ type: TYPES[rand(TYPES.length)], data: { pad: "x".repeat(rand(200)) } }));
  return { streamId, events, recordedAt: times };
}

type Row = { bucket: string; category: string; type: string; count: number; bytes: number };

const truth = async (): Promise<Row[]> =>
  (await getPool().query<Row>(
    `SELECT date_trunc('hour', recorded_at, 'UTC') AS bucket, category, type, count(*)::bigint AS count, sum(size_bytes)::bigint AS bytes
       FROM events GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  )).rows;

const rollups = async (): Promise<Row[]> =>
  (await getPool().query<Row>("SELECT bucket, category, type, count, bytes FROM rollups_hourly ORDER BY 1, 2, 3")).rows;

async function connect(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, types: hindsightTypes });
  await c.connect();
  return c;
}

async function appendIn(c: pg.Client, opts: ReturnType<typeof randomAppend>): Promise<void> {
  await c.query(APPEND_SQL, [JSON.stringify(await buildAppendPayload(opts))]);
}

describe("hourly rollups", () => {
  it("given random appends, some committed out of log order, when the update runs between them, then rollups equal count and bytes per hour, category and type", async () => {
    for (let i = 0; i < 40; i++) await appendToStream(randomAppend());
    await updateRollups({ batchSize: 7 });
    expect(await rollups()).toEqual(await truth());

    // A takes its xid first; B inserts and commits while A is open; A inserts and commits last.
    const a = await connect();
    const b = await connect();
    await a.query("BEGIN");
    await a.query("SELECT pg_current_xact_id()");
    await b.query("BEGIN");
    await appendIn(b, randomAppend("order-written-second"));
    await b.query("COMMIT");
    const beforeB = await rollups();
    await updateRollups({ batchSize: 7 });
    // B is committed but behind A's older xid: counting it now would checkpoint past A for good.
    expect(await rollups()).toEqual(beforeB);
    // A's own stream: A holds its row lock until it commits, and the appends below must not wait on it.
    await appendIn(a, randomAppend("order-written-first"));
    for (let i = 0; i < 10; i++) await appendToStream(randomAppend());
    await a.query("COMMIT");
    await Promise.all([a.end(), b.end()]);

    await updateRollups({ batchSize: 7 });
    const expected = await truth();
    expect(await rollups()).toEqual(expected);
    const { rows } = await getPool().query<{ n: number }>("SELECT count(*)::bigint AS n FROM events");
    expect(expected.reduce((s, r) => s + r.count, 0)).toBe(rows[0].n);
  });

  it("given several copies of the update running at once while appends continue, then nothing is counted twice or missed", async () => {
    const countEvents = async () => (await getPool().query<{ n: number }>("SELECT count(*)::bigint AS n FROM events")).rows[0].n;
    await updateRollups();
    const before = await countEvents();
    let writing = true;
    const writer = (async () => {
      while (writing) await appendToStream(randomAppend());
    })();
    for (let i = 0; i < 60; i++) await appendToStream(randomAppend());
    const copies = await Promise.all(Array.from({ length: 4 }, () => updateRollups({ batchSize: 11 })));
    writing = false;
    await writer;
    const rest = await updateRollups({ batchSize: 11 });
    expect(await rollups()).toEqual(await truth());
    // Every event appended here was rolled up by exactly one copy.
    const total = await countEvents();
    const rolled = await getPool().query<{ n: number }>("SELECT coalesce(sum(count), 0)::bigint AS n FROM rollups_hourly");
    expect(rolled.rows[0].n).toBe(total);
    expect(copies.reduce((s, c) => s + c.events, rest.events)).toBe(total - before);
  });

  it("given the store is wiped, then the rollups and checkpoint start again with it", async () => {
    await updateRollups();
    expect((await rollups()).length).toBeGreaterThan(0);
    await getPool().query("TRUNCATE events, streams RESTART IDENTITY");
    expect(await rollups()).toEqual([]);
    for (let i = 0; i < 5; i++) await appendToStream(randomAppend());
    await updateRollups();
    expect(await rollups()).toEqual(await truth());
  });
});
