// npx tsx --conditions=react-server scripts/bench-timetravel.ts [--events N] [--fill-seconds S] [--samples N]
// Time travel (issue #5): state as of a random point on a 100 000-event ticker with snapshots every
// 1 000 vs without, then stream search on the largest store that fills in the time given (target
// 10 M events). Starts its own embedded PostgreSQL; prints a table and writes bench-results/timetravel-<time>.json.
import "../domains/demo/install";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { closeDb } from "../lib/db";
import { startCluster } from "../lib/embedded-postgres";
import { migrate } from "../lib/migrate";
import { freePort } from "../lib/testing/global-setup";
import { fmtInt, table } from "./bench/report";
import { fillStore, planFill } from "./bench-timetravel/fill-store";
import { measureSearch, type SearchFigures } from "./bench-timetravel/search-bench";
import { buildTicker, measureState, type StateFigures } from "./bench-timetravel/state-bench";

const TARGETS = { stateP95Ms: 25, searchP95Ms: 100, searchStoreEvents: 10_000_000 };
const started = Date.now();
// Other work on the machine skews every figure: the load before and after is recorded with the results.
const loadAtStart = os.loadavg();
const log = (line: string) => console.log(`[bench-timetravel +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: "string" }, "fill-seconds": { type: "string" }, samples: { type: "string" }, "stream-events": { type: "string" } } });
  const storeEvents = Number(values.events ?? TARGETS.searchStoreEvents);
  const fillBudgetMs = Number(values["fill-seconds"] ?? 240) * 1000;
  const samples = Number(values.samples ?? 300);
  const streamEvents = Number(values["stream-events"] ?? 100_000);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-bench-tt-"));
  const port = await freePort();
  log(`starting embedded PostgreSQL on port ${port} in ${dir}`);
  const cluster = await startCluster({ dir, port });
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  try {
    await admin.connect();
    await admin.query("CREATE DATABASE bench_timetravel");
    // A bulk fill of millions of rows otherwise spends its time in forced checkpoints (max_wal_size 1 GB).
    await admin.query("ALTER SYSTEM SET max_wal_size = '16GB'");
    await admin.query("ALTER SYSTEM SET checkpoint_timeout = '30min'");
    await admin.query("ALTER SYSTEM SET maintenance_work_mem = '512MB'");
    await admin.query("SELECT pg_reload_conf()");
    const url = cluster.url("bench_timetravel");
    log("migrating (prisma migrate deploy, ~11 s)");
    await migrate(url, log);
    process.env.DATABASE_URL = url;
    process.env.HINDSIGHT_MASTER_KEY ??= randomBytes(32).toString("base64");

    const build = await buildTicker("ticker-BENCH", streamEvents, log);
    log(`${build.snapshots} snapshots in ${build.snapshotSeconds.toFixed(1)} s; measuring state on the small store`);
    const stateSmall = await measureState(build, samples, 1);

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    log(`filling the search store towards ${fmtInt(storeEvents)} events (budget ${fillBudgetMs / 1000} s)`);
    const fill = await fillStore(db, storeEvents, fillBudgetMs, log).finally(() => db.end());
    log(`store: ${fmtInt(fill.events)} events in ${fmtInt(fill.streams)} streams (${fill.seconds.toFixed(0)} s); measuring state and search`);
    const stateLarge = await measureState(build, samples, 2);
    const search = await measureSearch(planFill(storeEvents), Math.max(20, Math.round(samples / 6)), 3);

    report({ build, stateSmall, stateLarge, fill, search, samples });
  } finally {
    await closeDb().catch(() => undefined);
    await admin.end().catch(() => undefined);
    await cluster.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type Results = {
  build: Awaited<ReturnType<typeof buildTicker>>;
  stateSmall: StateFigures;
  stateLarge: StateFigures;
  fill: Awaited<ReturnType<typeof fillStore>>;
  search: SearchFigures;
  samples: number;
};

function report(r: Results): void {
  const f = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
  const verdict = (p95: number, max: number) => (p95 <= max ? "met" : "MISSED");
  const stateRows = (label: string, s: StateFigures) => [
    [`state by version, snapshots (${label})`, fmtInt(s.byVersion.count), f(s.byVersion.p50), f(s.byVersion.p95), `<= ${TARGETS.stateP95Ms}`, verdict(s.byVersion.p95, TARGETS.stateP95Ms)],
    [`state by time, snapshots (${label})`, fmtInt(s.byTime.count), f(s.byTime.p50), f(s.byTime.p95), `<= ${TARGETS.stateP95Ms}`, verdict(s.byTime.p95, TARGETS.stateP95Ms)],
    [`state by version, no snapshots (${label})`, fmtInt(s.withoutSnapshots.count), f(s.withoutSnapshots.p50), f(s.withoutSnapshots.p95), "", `${s.speedup.p50}x / ${s.speedup.p95}x slower (p50/p95)`],
  ];
  const searchRows = r.search.kinds.map((k) => [`search: ${k.kind}`, fmtInt(k.latency.count), f(k.latency.p50), f(k.latency.p95), "", `${k.meanHits} hits; ${k.strategy}; ${k.seqScan ? "SEQ SCAN; " : ""}${k.indexes.join(", ")}`]);
  const o = r.search.overall;
  console.log(`\nTime travel on ${r.build.streamId}: ${fmtInt(r.build.events)} events, ${r.build.snapshots} snapshots (every 1 000), ~${r.stateSmall.meanEventsFolded} events folded per read`);
  console.log(`small store: that stream only; large store: ${fmtInt(r.fill.events)} events in ${fmtInt(r.fill.streams)} streams${r.fill.complete ? "" : " (fill stopped at its time budget)"}\n`);
  console.log(table(["measurement", "samples", "p50 ms", "p95 ms", "target", ""], [
    ...stateRows("small store", r.stateSmall),
    ...stateRows("large store", r.stateLarge),
    ...searchRows,
    ["search: all kinds", fmtInt(o.count), f(o.p50), f(o.p95), `<= ${TARGETS.searchP95Ms}`, verdict(o.p95, TARGETS.searchP95Ms)],
  ]));
  const out = path.join("bench-results", `timetravel-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.mkdirSync("bench-results", { recursive: true });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAvgAtStart: loadAtStart, loadAvgAtEnd: os.loadavg() };
  fs.writeFileSync(out, JSON.stringify({ when: new Date().toISOString(), machine, targets: TARGETS, ...r }, null, 2));
  console.log(`\nwritten ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
