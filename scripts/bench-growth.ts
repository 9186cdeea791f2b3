// npm run bench:growth — rollup backfill rate and growth-query p95 on its own embedded PostgreSQL.
// Events are inserted in bulk with SQL (the append path has its own bench): rollups read only
// recorded_at, category, type, size_bytes and the log order, so that is all that has to be realistic.
import "../domains/demo/install";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { openServer } from "./bench/cluster";

const CHUNK = 500_000;
const TARGET = Number(process.env.BENCH_GROWTH_EVENTS ?? 10_000_000);
const FILL_BUDGET_S = Number(process.env.BENCH_GROWTH_FILL_SECONDS ?? 180);
const QUERY_RUNS = 200;
const LAG_SAMPLES = 50;
const log = (line: string) => console.log(`[bench-growth] ${line}`);

/**
 * Ticker streams dominate as in the demo world: categories are skewed, three types each. Each
 * chunk spans the 90 days in log order (a store's log is roughly in time order; fully random
 * times would make every batch touch every hour, which no real log does).
 */
const FILL_SQL = `
  INSERT INTO events (event_id, stream_id, category, stream_hash, stream_version, type, schema_version, data, recorded_at, size_bytes)
  SELECT gen_random_uuid(), c.cat || '-' || (g % 500), c.cat, hashtext(c.cat || '-' || (g % 500)), $1 + g, c.cat || 'Event' || (g % 3), 1,
         '{}'::jsonb, now() - interval '90 days' + (g::float8 / $2) * interval '90 days', 100 + (g % 400)
    FROM generate_series(1, $2::int) g
    CROSS JOIN LATERAL (SELECT (ARRAY['ticker','ticker','ticker','ticker','ticker','order','user','profile','account','payment'])[1 + (g % 10)] AS cat) c`;

async function main() {
  const server = await openServer(log);
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE hindsight_growth_bench");
  await admin.end();
  const url = server.url("hindsight_growth_bench");
  process.env.DATABASE_URL = url;
  process.env.HINDSIGHT_MASTER_KEY ??= randomBytes(32).toString("base64");
  const { migrate } = await import("../lib/migrate");
  await migrate(url, log);
  const { closeDb, getPool } = await import("../lib/db");
  const { updateRollups } = await import("../lib/growth/update-rollups");
  const { getGrowth, growthQuerySchema } = await import("../lib/growth/get-growth");
  const pool = getPool();
  // Stream versions only need to be unique per stream: each chunk starts past every earlier one.
  let inserted = 0;
  const fill = async (upTo: number, deadline: number) => {
    while (inserted < upTo && performance.now() < deadline) {
      await pool.query(FILL_SQL, [inserted, CHUNK]);
      inserted += CHUNK;
      log(`${(inserted / 1e6).toFixed(1)} M events in the store`);
    }
    await pool.query("VACUUM ANALYZE events");
  };
  const backfill = async () => {
    await pool.query("TRUNCATE rollups_hourly");
    await pool.query("UPDATE log_checkpoints SET tx_id = '0', global_position = 0");
    const r = await updateRollups({ batchSize: 20_000 });
    const rate = Math.round(r.events / r.seconds);
    log(`backfill: ${r.events} events in ${r.seconds.toFixed(1)} s (${rate} events/s, ${r.batches} batches)`);
    return { events: r.events, seconds: r.seconds, eventsPerSecond: rate };
  };
  const queryP95 = async () => {
    const q = growthQuerySchema.parse({ bucket: "day", groupBy: "category", from: new Date(Date.now() - 90 * 86_400_000).toISOString() });
    const hourQ = growthQuerySchema.parse({ bucket: "hour", groupBy: "type", from: q.from });
    const time = async (query: typeof q) => {
      const ms: number[] = [];
      for (let i = 0; i < QUERY_RUNS; i++) {
        const t = performance.now();
        await getGrowth(query);
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      return { p50: ms[Math.floor(ms.length * 0.5)], p95: ms[Math.floor(ms.length * 0.95)] };
    };
    const dayByCategory = await time(q);
    const hourByType = await time(hourQ);
    const rollupRows = (await pool.query<{ n: number }>("SELECT count(*)::bigint AS n FROM rollups_hourly")).rows[0].n;
    log(`90 days by category (day): p50 ${dayByCategory.p50.toFixed(1)} ms, p95 ${dayByCategory.p95.toFixed(1)} ms; by type (hour): p95 ${hourByType.p95.toFixed(1)} ms; ${rollupRows} rollup rows`);
    return { dayByCategory, hourByType, rollupRows };
  };

  // How long an append takes to show in the rollups with the worker's loop following the log.
  const followLag = async () => {
    const { startRollupLoop } = await import("../lib/growth/rollup-loop");
    const { appendToStream } = await import("../lib/store/append-to-stream");
    const loop = startRollupLoop(url, () => undefined);
    const total = async () => (await pool.query<{ n: number }>("SELECT sum(count)::bigint AS n FROM rollups_hourly")).rows[0].n;
    while (!loop.isLeader() || (await total()) !== inserted) await new Promise((r) => setTimeout(r, 50));
    const ms: number[] = [];
    let expected = inserted;
    for (let i = 0; i < LAG_SAMPLES; i++) {
      const t = performance.now();
      await appendToStream({ streamId: `lagprobe-${i % 10}`, events: Array.from({ length: 10 }, () => ({ type: "Probed", data: { i } })) });
      expected += 10;
      while ((await total()) < expected) await new Promise((r) => setTimeout(r, 5));
      ms.push(performance.now() - t);
    }
    await loop.stop();
    ms.sort((a, b) => a - b);
    log(`append → rollups (loop following the log): p50 ${ms[Math.floor(ms.length / 2)].toFixed(0)} ms, max ${ms.at(-1)!.toFixed(0)} ms`);
    return { samples: ms.length, p50Ms: ms[Math.floor(ms.length / 2)], p95Ms: ms[Math.floor(ms.length * 0.95)], maxMs: ms.at(-1)! };
  };

  const t0 = performance.now();
  await fill(1_000_000, Infinity);
  const small = { events: inserted, backfill: await backfill(), query: await queryP95() };
  await fill(TARGET, t0 + FILL_BUDGET_S * 1000);
  const large = { events: inserted, backfill: await backfill(), query: await queryP95() };
  const lag = await followLag();
  const result = {
    bench: "growth",
    at: new Date().toISOString(),
    note: "events bulk-inserted with SQL in 500k chunks, each spanning 90 days in log order, 10 categories (half ticker), 3 types each; backfill from an empty checkpoint in 20 000-event batches",
    small,
    large,
    p95Ratio: large.query.dayByCategory.p95 / small.query.dayByCategory.p95,
    followLag: lag,
    targets: { backfill10MSeconds: 60, queryP95Ms: 50, followLagMs: 5000 },
    projected10MBackfillSeconds: 10_000_000 / large.backfill.eventsPerSecond,
  };
  const dir = path.join(process.cwd(), "bench-results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `growth-${result.at.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${file}`);
  await closeDb();
  await server.stop();
}

main().catch((e) => {
  console.error(`[bench-growth] ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
});
