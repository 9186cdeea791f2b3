// npm run bench:source — Hindsight over an Emmett store (issue #16): the 90-day growth query and
// the loop (causation map and cycle) scan over 1 M events, against the own store's targets
// (p95 ≤ 50 ms; ≤ 2 s). Emmett's own appendToStream writes every event; the follower indexes them
// into Hindsight's database; then the features are timed. A measurement, not a test.
import "../domains/demo/install";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createEmmettStore } from "../lib/testing/emmett-store";
import { openServer } from "./bench/cluster";

const TOTAL = Number(process.env.BENCH_SOURCE_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_SOURCE_RUNS ?? 20);
const LOOPS = 20;
const LOOP_LENGTH = 2000;
const BIG = 10_000;
const BATCH = 1000;
const log = (line: string) => console.log(`[bench-source] ${line}`);

const pick = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

async function time(runs: number, fn: () => Promise<unknown>) {
  await fn(); // warm
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    wall.push(performance.now() - t);
  }
  wall.sort((a, b) => a - b);
  return { p50: pick(wall, 0.5), p95: pick(wall, 0.95), runs };
}

async function main() {
  const server = await openServer(log);
  stopServer = server.stop;
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE hindsight_source_bench");
  await admin.end();
  const url = server.url("hindsight_source_bench");
  process.env.DATABASE_URL = url;
  process.env.HINDSIGHT_MASTER_KEY ??= randomBytes(32).toString("base64");
  const { migrate } = await import("../lib/migrate");
  await migrate(url, log);
  const emt = await createEmmettStore(server.url("postgres"));
  process.env.HINDSIGHT_SOURCE_KIND = "emmett";
  process.env.HINDSIGHT_SOURCE_URL = emt.readerUrl;

  // Emmett's client writes: ticks without links (most of a store), then UserUpdated ↔ ProfileUpdated loops whose events carry correlation and causation.
  const t0 = performance.now();
  const ticks = TOTAL - LOOPS * LOOP_LENGTH - BIG;
  for (let done = 0; done < ticks; done += BATCH) {
    const n = Math.min(BATCH, ticks - done);
    await emt.store.appendToStream(`tick-${(done / BATCH) % 500}`, Array.from({ length: n }, (_, i) => ({ type: "PriceTicked", data: { i: done + i } })));
  }
  const writeLoop = async (streamId: string, length: number) => {
    const correlationId = randomUUID();
    let cause: string | null = null;
    for (let done = 0; done < length; done += BATCH) {
      const events = Array.from({ length: Math.min(BATCH, length - done) }, (_, i) => {
        const messageId = randomUUID();
        const metadata = { messageId, correlationId, ...(cause ? { causationId: cause } : {}) };
        cause = messageId;
        return { type: (done + i) % 2 ? "ProfileUpdated" : "UserUpdated", data: { userId: "u", displayName: "x", name: "x" }, metadata };
      });
      await emt.store.appendToStream(streamId, events);
    }
    return correlationId;
  };
  for (let l = 0; l < LOOPS; l++) await writeLoop(`sync-${l}`, LOOP_LENGTH);
  const big = await writeLoop("sync-big", BIG);
  // Growth needs history: the ticks are spread over the last 90 days, as if written over that time (Emmett stamps created = now()).
  const owner = new pg.Client({ connectionString: emt.ownerUrl });
  await owner.connect();
  await owner.query(`UPDATE emt_messages SET created = now() - interval '89 days' + (global_position::float8 / $1) * interval '88 days' WHERE stream_id LIKE 'tick-%'`, [ticks]);
  await owner.query("VACUUM ANALYZE emt_messages");
  await owner.end();
  log(`${TOTAL} events written by emmett's appendToStream in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const { getSource } = await import("../lib/source/open-source");
  const { indexSourceBatch } = await import("../lib/source/index/follow-source");
  const { sourceKey } = await import("../lib/source/index/source-index-loop");
  const { sourceConfigFromEnv } = await import("../lib/source/source-config");
  const { updateRollups } = await import("../lib/growth/update-rollups");
  const { getGrowth, growthQuerySchema } = await import("../lib/growth/get-growth");
  const { getCausationMap } = await import("../lib/causation/get-causation-map");
  const { closeDb, getPool } = await import("../lib/db");
  const { closeSource } = await import("../lib/source/open-source");
  const t1 = performance.now();
  const key = sourceKey(sourceConfigFromEnv());
  for (;;) if ((await indexSourceBatch(getSource(), key, 10_000)).caughtUp) break;
  const indexSeconds = (performance.now() - t1) / 1000;
  const indexed = (await getPool().query<{ n: number }>("SELECT count(*) AS n FROM source_events")).rows[0].n;
  log(`indexed ${indexed} events in ${indexSeconds.toFixed(1)} s (${Math.round(indexed / indexSeconds)}/s)`);
  if (indexed !== TOTAL) throw new Error(`the index holds ${indexed} events, not ${TOTAL}`);
  await getPool().query("VACUUM ANALYZE source_events");
  await updateRollups();

  const loadBefore = os.loadavg()[0];
  const q = growthQuerySchema.parse({ bucket: "day", from: new Date(Date.now() - 90 * 86_400_000).toISOString(), to: new Date().toISOString() });
  const growth = await getGrowth(q);
  const counted = growth.reduce((n, b) => n + b.count, 0);
  if (counted !== TOTAL) throw new Error(`the 90-day growth counts ${counted} events, not ${TOTAL}`);
  const growthMs = await time(RUNS, () => getGrowth(q));
  log(`90-day growth query: p50 ${growthMs.p50.toFixed(1)} ms, p95 ${growthMs.p95.toFixed(1)} ms (target p95 ≤ 50 ms)`);

  const to = new Date(Date.now() + 60_000);
  const from = new Date(to.getTime() - 90 * 86_400_000);
  const map = await getCausationMap({ from, to });
  if (map.cycles.length !== 1 || !map.runaways.some((r) => r.correlationId === big)) throw new Error("the loop scan did not find the loops");
  const mapMs = await time(Math.min(RUNS, 10), () => getCausationMap({ from, to }));
  log(`loop scan (causation map and cycles) over ${TOTAL} events: p50 ${mapMs.p50.toFixed(0)} ms, p95 ${mapMs.p95.toFixed(0)} ms (target ≤ 2 s)`);
  const load = { before: loadBefore, after: os.loadavg()[0], cores: os.cpus().length };
  log(`machine load average ${load.before.toFixed(1)} → ${load.after.toFixed(1)} on ${load.cores} cores`);

  const dir = path.join(process.cwd(), "bench-results");
  fs.mkdirSync(dir, { recursive: true });
  const result = { bench: "source", at: new Date().toISOString(), source: "emmett", events: TOTAL, indexSeconds, loadAverage: load, growth90d: growthMs, loopScan: mapMs, targets: { growthP95Ms: 50, loopScanMs: 2000 } };
  fs.writeFileSync(path.join(dir, "source.json"), `${JSON.stringify(result, null, 2)}\n`);
  log("wrote bench-results/source.json");
  await closeSource();
  await closeDb();
  await emt.drop();
  await server.stop();
}

let stopServer: (() => Promise<void>) | undefined;

main().catch(async (e) => {
  console.error(`[bench-source] ${e instanceof Error ? e.stack : e}`);
  // A failed run still stops the PostgreSQL it started.
  await stopServer?.().catch(() => undefined);
  process.exit(1);
});
