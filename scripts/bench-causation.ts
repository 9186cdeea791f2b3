// npm run bench:causation — the causation map and cycle scan over the last 1 M events, and the
// graph API for a 10 000-event correlation, on its own embedded PostgreSQL. Events are inserted in
// bulk with SQL, with realistic causation links: order flows (a command, then four effects with
// a fan-out), runaway UserUpdated ↔ ProfileUpdated loops, and uncaused ticks.
import "../domains/demo/install";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import os from "node:os";
import { openServer } from "./bench/cluster";
import { treeCpuMs } from "./bench/cpu";

const TOTAL = Number(process.env.BENCH_CAUSATION_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_CAUSATION_RUNS ?? 20);
const LOOPS = 20;
const LOOP_LENGTH = 2000;
const BIG = 10_000;
const log = (line: string) => console.log(`[bench-causation] ${line}`);

// Times spread over the last 23 hours in insertion order ($1 = how many rows the statement makes).
const AT = (g: string, n: string) => `now() - interval '23 hours' + (${g}::float8 / ${n}) * interval '23 hours'`;

/** Order flows: OrderPlaced (caused by a command the store does not hold) → OrderPaid → OrderShipped → EmailSent + InvoiceIssued. */
const ORDERS_SQL = `
  INSERT INTO events (event_id, stream_id, category, stream_hash, stream_version, type, schema_version, data,
                      correlation_id, causation_id, causation_depth, recorded_at, size_bytes)
  SELECT md5('o' || g)::uuid, 'order-' || (g / 5), 'order', hashtext('order-' || (g / 5)), g % 5 + 1,
         (ARRAY['OrderPlaced','OrderPaid','OrderShipped','EmailSent','InvoiceIssued'])[g % 5 + 1], 1, '{}'::jsonb,
         md5('oc' || (g / 5))::uuid,
         CASE g % 5 WHEN 0 THEN md5('cmd' || (g / 5))::uuid WHEN 4 THEN md5('o' || (g - 2))::uuid ELSE md5('o' || (g - 1))::uuid END,
         CASE g % 5 WHEN 0 THEN 1 WHEN 4 THEN 3 ELSE g % 5 + 1 END,
         ${AT("g", "$1")}, 120
    FROM generate_series(0, $1::int - 1) g`;

/** $2 loops of $3 events each, alternating profile-/user- streams, each event caused by the one before. */
const LOOPS_SQL = `
  INSERT INTO events (event_id, stream_id, category, stream_hash, stream_version, type, schema_version, data,
                      correlation_id, causation_id, causation_depth, recorded_at, size_bytes)
  SELECT md5($1 || g)::uuid,
         CASE WHEN g % $3 % 2 = 0 THEN 'profile-' ELSE 'user-' END || $1 || (g / $3),
         CASE WHEN g % $3 % 2 = 0 THEN 'profile' ELSE 'user' END,
         hashtext($1 || (g / $3)), (g % $3) / 2 + 1,
         CASE WHEN g % $3 % 2 = 0 THEN 'ProfileUpdated' ELSE 'UserUpdated' END, 1, '{"userId": "u"}'::jsonb,
         md5($1 || 'c' || (g / $3))::uuid,
         CASE WHEN g % $3 = 0 THEN md5($1 || 'cmd' || (g / $3))::uuid ELSE md5($1 || (g - 1))::uuid END,
         g % $3 + 1,
         now() - interval '2 hours' + (g % $3) * interval '250 milliseconds', 60
    FROM generate_series(0, $2::int * $3::int - 1) g`;

/** Ticks: no cause, no correlation (most of a real store). */
const TICKS_SQL = `
  INSERT INTO events (event_id, stream_id, category, stream_hash, stream_version, type, schema_version, data, recorded_at, size_bytes)
  SELECT gen_random_uuid(), 'tick-' || (g % 500), 'tick', hashtext('tick-' || (g % 500)), g / 500 + 1, 'PriceTicked', 1, '{}'::jsonb,
         ${AT("g", "$1")}, 90
    FROM generate_series(0, $1::int - 1) g`;

function pick(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}

/**
 * Wall-clock p50/p95, and the CPU the run cost (PostgreSQL's processes plus this one): on a
 * machine shared with other work, wall-clock moves with the load, CPU per run hardly does.
 */
function summarise(runs: { wall: number; cpu: number | undefined }[]) {
  const wall = runs.map((r) => r.wall).sort((a, b) => a - b);
  const cpu = runs.map((r) => r.cpu).filter((c): c is number => c !== undefined).sort((a, b) => a - b);
  return { p50: wall.length ? pick(wall, 0.5) : NaN, p95: pick(wall, 0.95), cpuP50: cpu.length ? pick(cpu, 0.5) : null, cpuP95: cpu.length ? pick(cpu, 0.95) : null, runs: wall.length };
}

async function time(runs: number, pgPid: number | undefined, fn: () => Promise<unknown>) {
  await fn(); // warm
  const out: { wall: number; cpu: number | undefined }[] = [];
  for (let i = 0; i < runs; i++) {
    const pg0 = treeCpuMs(pgPid);
    const me0 = process.cpuUsage();
    const t = performance.now();
    await fn();
    const wall = performance.now() - t;
    const me = process.cpuUsage(me0);
    const pg1 = treeCpuMs(pgPid);
    out.push({ wall, cpu: pg0 === undefined || pg1 === undefined ? undefined : pg1 - pg0 + (me.user + me.system) / 1000 });
  }
  return summarise(out);
}

const ms = (v: number | null) => (v === null ? "n/a" : `${v.toFixed(0)} ms`);

async function main() {
  const server = await openServer(log);
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE hindsight_causation_bench");
  await admin.end();
  const url = server.url("hindsight_causation_bench");
  process.env.DATABASE_URL = url;
  process.env.HINDSIGHT_MASTER_KEY ??= randomBytes(32).toString("base64");
  const { migrate } = await import("../lib/migrate");
  await migrate(url, log);
  const { closeDb, getPool } = await import("../lib/db");
  const { getCausationMap } = await import("../lib/causation/get-causation-map");
  const { getCorrelationGraph, getGroupPage } = await import("../lib/causation/get-correlation-graph");
  const pool = getPool();

  const loops = LOOPS * LOOP_LENGTH;
  const orders = Math.floor((TOTAL - loops - BIG) * 0.4 / 5) * 5;
  const ticks = TOTAL - loops - BIG - orders;
  const t0 = performance.now();
  await pool.query(TICKS_SQL, [ticks]);
  await pool.query(ORDERS_SQL, [orders]);
  await pool.query(LOOPS_SQL, ["l", LOOPS, LOOP_LENGTH]);
  await pool.query(LOOPS_SQL, ["big", 1, BIG]);
  await pool.query("VACUUM ANALYZE events");
  const total = (await pool.query<{ n: number }>("SELECT count(*)::bigint AS n FROM events")).rows[0].n;
  log(`${total} events inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s (${ticks} ticks, ${orders} order events, ${loops} in ${LOOPS} loops, one loop of ${BIG})`);

  const to = new Date(Date.now() + 60_000);
  const from = new Date(to.getTime() - 24 * 3_600_000);
  if (process.env.BENCH_CAUSATION_EXPLAIN) {
    const { MAP_SQL, MAP_WORK_MEM } = await import("../lib/causation/get-causation-map");
    const client = await pool.connect();
    await client.query(`SET work_mem = '${MAP_WORK_MEM}'`);
    const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${MAP_SQL}`, [from.toISOString(), to.toISOString(), 50, 1000, 5000, 100]);
    client.release(true);
    log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
  }
  const map = await getCausationMap({ from, to });
  log(`map: ${map.events} correlated or caused events, ${map.caused} caused, ${map.edges.length} type edges, ${map.cycles.length} cycle(s) ${map.cycles.map((c) => c.types.join("↔")).join(", ")}, ${map.runaways.length} runaway chains`);
  if (map.events !== total - ticks || map.caused !== total - ticks - orders / 5 - LOOPS - 1 || map.cycles.length !== 1 || map.runaways.length !== LOOPS + 1) {
    throw new Error("the map did not find what was inserted");
  }
  const loadBefore = os.loadavg()[0];
  const mapMs = await time(RUNS, server.pgPid, () => getCausationMap({ from, to }));
  log(`map + cycle scan over the last ${total} events: p50 ${mapMs.p50.toFixed(0)} ms, p95 ${mapMs.p95.toFixed(0)} ms (CPU per run p50 ${ms(mapMs.cpuP50)})`);

  const bigCorrelation = (await pool.query<{ id: string }>("SELECT md5('bigc0')::uuid::text AS id")).rows[0].id;
  const graph = await getCorrelationGraph({ correlationId: bigCorrelation, pii: "masked" });
  log(`graph of ${graph.eventCount} events: ${graph.nodes.length} nodes, ${graph.groups.length} group(s) (${graph.groups.map((g) => `${g.pattern.join(" → ")} × ${g.repetitions}`).join(", ")}), depth ${graph.depth}`);
  if (graph.eventCount !== BIG || graph.groups.length !== 1) throw new Error("the graph is not the collapsed loop");
  const graphMs = await time(RUNS, server.pgPid, () => getCorrelationGraph({ correlationId: bigCorrelation, pii: "masked" }));
  log(`graph API (collapsed) for ${BIG} events: p50 ${graphMs.p50.toFixed(0)} ms, p95 ${graphMs.p95.toFixed(0)} ms (CPU per run p50 ${ms(graphMs.cpuP50)})`);
  const groupMs = await time(RUNS, server.pgPid, () => getGroupPage({ correlationId: bigCorrelation, groupId: graph.groups[0].groupId, pii: "masked", limit: 50 }));
  log(`expanding the group (a page of 50): p50 ${groupMs.p50.toFixed(0)} ms, p95 ${groupMs.p95.toFixed(0)} ms (CPU per run p50 ${ms(groupMs.cpuP50)})`);
  const load = { before: loadBefore, after: os.loadavg()[0], cores: os.cpus().length };
  log(`machine load average ${load.before.toFixed(1)} → ${load.after.toFixed(1)} on ${load.cores} cores`);

  const result = {
    bench: "causation",
    at: new Date().toISOString(),
    note: "events bulk-inserted with SQL over the last 23 hours: ticks without causes, 5-event order flows (command → placed → paid → shipped → email + invoice), 20 UserUpdated↔ProfileUpdated loops of 2 000 events and one of 10 000; the map covers the last 24 hours",
    events: total,
    loadAverage: load,
    map: { ...mapMs, typeEdges: map.edges.length, cycles: map.cycles.length, runaways: map.runaways.length },
    graph: { ...graphMs, events: BIG, nodes: graph.nodes.length, groups: graph.groups.length },
    groupPage: groupMs,
    targets: { mapMs: 2000, graphMs: 300 },
    note2: "p50/p95 are wall-clock milliseconds; cpuP50/cpuP95 the CPU milliseconds one run cost PostgreSQL and this process (what the run needs on an idle machine, give or take parallel workers)",
  };
  const dir = path.join(process.cwd(), "bench-results");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "causation.json"), `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote bench-results/causation.json`);
  await closeDb();
  await server.stop();
}

main().catch((e) => {
  console.error(`[bench-causation] ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
});
