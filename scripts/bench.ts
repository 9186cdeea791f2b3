// npm run bench — Hindsight's store against emmett-postgresql on one PostgreSQL server, on a store
// prefilled to ≥ 1 M events. Prints the tables and writes bench-results/foundation-<time>.json.
import "../domains/demo/install";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "../lib/migrate";
import { openServer, sql, type BenchServer } from "./bench/cluster";
import { measureFeatures } from "./bench/features";
import { parsePlan } from "./bench/plan";
import { bytesTable, printReport, ratios, type FeatureCost, type Measurement, type Sizes, type System } from "./bench/report";
import { startRunner, type Runner } from "./bench/runner";
import { measureHttp } from "./bench/http-workload";
import { measureStoreBytes } from "./bench/store-bytes";
import { measureSubscription } from "./bench/subscription-workload";
import { bestOf, type RunResult } from "./bench/stats";
import { streamNames } from "./bench/events";
import type { BatchRunOptions, TimedRunOptions } from "./bench/workload";

const TARGETS = {
  batched: { minEventsPerSecond: 40_000, minRatio: 1.2 },
  single16: { minRatio: 1.3 },
  http: { minEventsPerSecond: 1_000, maxP95Ms: 20, minRatio: 1.0 },
  readAll: { minEventsPerSecond: 100_000 },
  subscriptionCatchUp: { minEventsPerSecond: 50_000 },
  subscriptionLatency: { maxP50Ms: 50 },
};
/** Hindsight's bytes per event (indexes included) against the peer's, at most. */
const MAX_BYTES_RATIO = 1.2;

const started = Date.now();
const log = (line: string) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);

// Everything the bench starts registers its stop here; it runs in reverse on exit, error or Ctrl-C.
// Both the signal handler and main's finally call closeAll: they share one run of it.
const closers: Array<{ name: string; close: () => Promise<void> }> = [];
let closing: Promise<void> | undefined;
function closeAll(): Promise<void> {
  closing ??= (async () => {
    for (const c of closers.splice(0).reverse()) {
      await c.close().catch((e) => console.error(`[bench] stopping ${c.name} failed: ${(e as Error).message}`));
    }
  })();
  return closing;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping everything the bench started`);
    void closeAll().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  const plan = parsePlan(process.argv.slice(2));
  log(`plan: ${JSON.stringify(plan)}`);
  // Other work on the machine skews every figure: record the load so a noisy run can be recognised.
  const loadAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
  if (loadAtStart[0] > 0.5) log(`warning: 1-minute load average is ${loadAtStart[0]} before the bench starts (${os.cpus().length} cores)`);
  const server: BenchServer = await openServer(log);
  closers.push({ name: "postgres", close: server.stop });
  // Runners (and this process, for HTTP runs) read the postmaster's CPU time through this.
  if (server.pgPid) process.env.BENCH_PG_PID = String(server.pgPid);

  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const hsDb = server.embedded ? "bench_hindsight" : `bench_hindsight_${stamp}`;
  const emDb = server.embedded ? "bench_emmett" : `bench_emmett_${stamp}`;
  const admin = server.url("postgres");
  await sql(admin, `CREATE DATABASE ${hsDb}`, `CREATE DATABASE ${emDb}`);
  if (!server.embedded) {
    closers.push({ name: "bench databases", close: async () => void (await sql(admin, `DROP DATABASE IF EXISTS ${hsDb} WITH (FORCE)`, `DROP DATABASE IF EXISTS ${emDb} WITH (FORCE)`)) });
  }
  const hsUrl = server.url(hsDb);
  const emUrl = server.url(emDb);
  log(`migrating ${hsDb} (prisma migrate deploy, ~11 s)`);
  await migrate(hsUrl, log);

  const masterKey = randomBytes(32).toString("base64");
  const hs = startRunner("scripts/bench/hindsight-runner.ts", { DATABASE_URL: hsUrl, HINDSIGHT_MASTER_KEY: masterKey });
  closers.push({ name: "hindsight runner", close: () => hs.stop() });
  const em = startRunner("scripts/bench/emmett-runner.ts", { EMMETT_DATABASE_URL: emUrl });
  closers.push({ name: "emmett runner", close: () => em.stop() });
  await em.call("setup");

  // The HTTP workload runs the node:http fast path (no Next.js build needed).
  const httpSkip: string | undefined = plan.skipHttp ? "--no-http" : undefined;

  const pg = await sql(hsUrl, "SELECT version() AS v", "SHOW shared_buffers", "SHOW synchronous_commit", "SHOW max_wal_size");
  const settings = { version: pg[0].rows[0].v as string, shared_buffers: pg[1].rows[0].shared_buffers, synchronous_commit: pg[2].rows[0].synchronous_commit, max_wal_size: pg[3].rows[0].max_wal_size };
  const checkpoint = async (url: string) => void (await sql(url, "CHECKPOINT").catch(() => undefined));
  const runners: Record<System, { runner: Runner; url: string }> = { hindsight: { runner: hs, url: hsUrl }, emmett: { runner: em, url: emUrl } };
  const measurements: Measurement[] = [];
  const ticks = streamNames(plan.streams);

  /**
   * Runs one workload on both systems, alternating (Hindsight first), `rounds` times, each run
   * after a CHECKPOINT; the tables show each system's fastest run, the JSON keeps all of them.
   */
  async function both(id: string, workload: string, op: string, args: (s: System) => object, params: (s: System) => string, target?: Measurement["target"], rounds = plan.rounds) {
    const runs: Record<System, RunResult[]> = { hindsight: [], emmett: [] };
    for (let round = 0; round < rounds; round++) {
      for (const system of ["hindsight", "emmett"] as const) {
        const { runner, url } = runners[system];
        log(`${workload} — ${system}${rounds > 1 ? ` (round ${round + 1})` : ""}`);
        await checkpoint(url);
        const result = await runner.call<RunResult>(op, args(system));
        runs[system].push(result);
        log(`  ${result.events} events in ${result.seconds} s = ${result.eventsPerSecond}/s${result.latencyMs ? `, p95 ${result.latencyMs.p95} ms` : ""}${result.errors ? `, ${result.errors} errors` : ""}`);
      }
    }
    for (const system of ["hindsight", "emmett"] as const) {
      measurements.push({ id, workload, system, params: params(system), result: bestOf(runs[system]), runs: runs[system], target: system === "hindsight" ? target : undefined });
    }
  }

  const batch = (totalEvents: number): BatchRunOptions => ({ totalEvents, batchSize: plan.batchSize, writers: plan.batchWriters, streams: ticks, kind: "tick" });
  const batchParams = `${plan.batchSize}/call, ${plan.batchWriters} writers`;
  // The fill is measured once: it is what builds the store the other workloads run on.
  await both("prefill", `(a) batched append, prefill 0 → ${plan.prefill}`, "batches", () => batch(plan.prefill), () => batchParams, undefined, 1);

  // Both stores get the same housekeeping after the bulk load, so autovacuum does not land in one run only.
  log("VACUUM ANALYZE on both stores");
  await sql(hsUrl, "VACUUM (ANALYZE) events", "VACUUM (ANALYZE) streams");
  await sql(emUrl, "VACUUM (ANALYZE)");
  const sizes = await storeSizes(hsUrl, emUrl);
  log(`store sizes: ${JSON.stringify(sizes)}`);
  const bytes = await measureStoreBytes(hsUrl);
  log(`hindsight bytes per event: ${JSON.stringify(bytes)}`);
  if (plan.bytesOnly) {
    const ratio = sizes.hindsight.bytesPerEvent / Math.max(1, sizes.emmett.bytesPerEvent);
    console.log(`${bytesTable(bytes)}\nhindsight ${sizes.hindsight.bytesPerEvent} B/event, emmett ${sizes.emmett.bytesPerEvent} B/event: ${ratio.toFixed(2)}x (target <= ${MAX_BYTES_RATIO}x)`);
    return;
  }

  await both("batched", `(a) batched append at ${Math.round(plan.prefill / 1000)}k+`, "batches", () => batch(plan.batchEvents), () => batchParams, TARGETS.batched);
  const singles = (writers: number): TimedRunOptions => ({ writers, durationMs: plan.singleMs, warmupMs: plan.warmupMs, streams: ticks, kind: "tick" });
  await both("single-1", "(b) single-event append, 1 writer", "singles", () => singles(1), () => "library, 1 writer");
  await both("single-16", "(b) single-event append, 16 writers", "singles", () => singles(16), () => "library, 16 writers", TARGETS.single16);

  const token = httpSkip ? undefined : await hs.call<string>("createApiToken");
  const loadBeforeHttp = os.loadavg().map((l) => Math.round(l * 100) / 100);
  measurements.push(...(await measureHttp({ plan, hsUrl, emUrl, masterKey, hsSkip: httpSkip, token, ticks, target: TARGETS.http, checkpoint, log })));

  const before = await storeSizes(hsUrl, emUrl);
  await both(
    "read-all",
    "(d) read the whole log",
    "readAll",
    (s) => ({ pageSize: 1000, maxMs: plan.readMaxMs, expected: before[s].events }),
    (s) => (s === "hindsight" ? "readAll, pages of 1000, gap-safe, pii masked" : "readMessagesBatch, pages of 1000"),
    TARGETS.readAll,
    1, // the peer's read is time-boxed and the store changes nothing between rounds: once is enough
  );

  if (token) {
    const expected = (await storeSizes(hsUrl, emUrl)).hindsight.events;
    measurements.push(
      ...(await measureSubscription({ plan, hsUrl, masterKey, token, expected, targets: { catchUp: TARGETS.subscriptionCatchUp, latency: TARGETS.subscriptionLatency }, log })),
    );
  }
  const loadAfterHttp = os.loadavg().map((l) => Math.round(l * 100) / 100);

  let features: FeatureCost[] = [];
  if (!plan.skipFeatures) {
    features = await measureFeatures({ plan, hs, hsUrl, urlFor: server.url, hsDb, checkpoint, log });
  }

  const result = {
    suite: "foundation",
    startedAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverageAtStart: loadAtStart,
      loadAverageBeforeHttp: loadBeforeHttp,
      loadAverageAfterSubscriptions: loadAfterHttp,
    },
    postgres: { ...settings, server: server.embedded ? "embedded (lib/embedded-postgres.ts flags)" : "BENCH_DATABASE_URL" },
    peer: "@event-driven-io/emmett-postgresql 0.42.0",
    plan,
    sizes,
    bytes,
    bytesRatio: { hindsightOverEmmett: Math.round((sizes.hindsight.bytesPerEvent / Math.max(1, sizes.emmett.bytesPerEvent)) * 100) / 100, target: MAX_BYTES_RATIO },
    measurements,
    ratios: ratios(measurements),
    features,
    notes: [
      `Each figure is the fastest of ${plan.rounds} alternating run(s) per system (the prefill and the whole-log read run once); every run is in the JSON under "runs". Other load on the machine only slows runs down; CPU per event is the steadier comparison.`,
      "Each store runs in its own child process with a pg pool of 20; both use one database each on the same server.",
      "The peer's HTTP figure comes from a minimal node:http server (scripts/bench/emmett-http-server.ts) doing the same body read, JSON parse, stream-id check and zod validation as Hindsight's route, then emmett's appendToStream; Hindsight's comes from its node:http fast path (scripts/bench/hindsight-fast-server.ts running lib/server/fast-handlers.ts, the handlers our HTTP server tries before Next.js), which also authenticates the API token (cached per process, dropped on NOTIFY) — the peer's front does no authentication.",
      "Subscriptions (e): SSE from the fast path read by @hindsight/client in the bench process; latency is from just before each HTTP append to the event's delivery, with 16 writers; the peer has no subscription endpoint.",
      "Hindsight's appendToStream also validates registered types with zod, computes sizes and causation depth; emmett's does not.",
      "Each measured run starts after a CHECKPOINT; both stores were VACUUM ANALYZEd after the prefill.",
    ],
  };
  printReport(result);
  fs.mkdirSync("bench-results", { recursive: true });
  const file = path.join("bench-results", `foundation-${new Date(started).toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  log(`wrote ${file}`);
}

/** Row counts and on-disk size (table + indexes + TOAST) of each store's event table. */
async function storeSizes(hsUrl: string, emUrl: string): Promise<Sizes> {
  const [hs] = await sql(hsUrl, "SELECT count(*)::bigint AS n, pg_total_relation_size('events')::bigint AS b FROM events");
  const [em] = await sql(emUrl, "SELECT (SELECT count(*) FROM emt_messages)::bigint AS n, (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('emt_messages'))::bigint AS b");
  const one = (r: { n: string; b: string }) => ({ events: Number(r.n), totalBytes: Number(r.b), bytesPerEvent: Math.round(Number(r.b) / Math.max(1, Number(r.n))) });
  return { hindsight: one(hs.rows[0]), emmett: one(em.rows[0]) };
}

main()
  .catch((e) => {
    console.error("[bench] failed:", e);
    process.exitCode = 1;
  })
  .finally(async () => {
    await closeAll();
    log("stopped everything the bench started");
  });
