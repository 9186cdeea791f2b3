// npm run bench:archive — archive 1 M events (write, read back, verify, commit) and read a 10 000-event
// archived range back from the filesystem backend, on its own embedded PostgreSQL.
// Events are bulk-inserted with SQL (like bench-growth) with realistic ticker payloads; the
// archive run is the real one (lib/archive/run-archive-policy.ts), segment by segment.
import "../domains/demo/install";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openServer } from "./bench/cluster";
import { treeCpuMs } from "./bench/cpu";
import { summariseFilledEvents } from "./bench/summarise-filled-events";

const EVENTS = Number(process.env.BENCH_ARCHIVE_EVENTS ?? 1_000_000);
const STREAMS = 100;
const PER_STREAM = EVENTS / STREAMS;
const READ_RANGE = Math.min(10_000, PER_STREAM);
const READ_RUNS = 5;
const log = (line: string) => console.log(`[bench-archive] ${line}`);

// 100 ticker streams; every event 31 to 120 days old, so a 30-day policy moves all of them. Event ids
// are time-ordered UUIDv7 like the ones appendToStream generates.
const FILL_SQL = `
  INSERT INTO events (event_id, stream_id, category, stream_hash, stream_version, type, schema_version, data, recorded_at, size_bytes)
  SELECT (lpad(to_hex((extract(epoch FROM now() - interval '120 days' + (v::float8 / $2) * interval '89 days') * 1000)::bigint), 12, '0')
          || '7' || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid, 'ticker-S' || s, 'ticker', hashtext('ticker-S' || s), v, 'PriceTicked', 1,
         jsonb_build_object('symbol', 'S' || s, 'bid', round((100 + random() * 10)::numeric, 2), 'ask', round((100.5 + random() * 10)::numeric, 2), 'volume', (random() * 500)::int),
         now() - interval '120 days' + (v::float8 / $2) * interval '89 days', 70
    FROM generate_series(1, $1::int) s CROSS JOIN generate_series(1, $2::int) v
   ORDER BY v, s`;

async function main() {
  const server = await openServer(log);
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE hindsight_archive_bench");
  await admin.end();
  const url = server.url("hindsight_archive_bench");
  process.env.DATABASE_URL = url;
  process.env.HINDSIGHT_MASTER_KEY ??= randomBytes(32).toString("base64");
  const archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-bench-archive-"));
  process.env.HINDSIGHT_ARCHIVE_DIR = archiveDir;
  const { migrate } = await import("../lib/migrate");
  await migrate(url, log);
  const { closeDb, getPool } = await import("../lib/db");
  const { saveArchivePolicy } = await import("../lib/archive/archive-policies");
  const { runArchivePolicy } = await import("../lib/archive/run-archive-policy");
  const { readArchivedRows } = await import("../lib/archive/read-archived");
  const { readStream } = await import("../lib/store/read-stream");
  const { systemActor } = await import("../lib/audit/actor");
  const pool = getPool();

  let t = performance.now();
  await pool.query(FILL_SQL, [STREAMS, PER_STREAM]);
  await summariseFilledEvents(pool);
  log(`${EVENTS} events in ${STREAMS} streams inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const tableBefore = (await pool.query<{ b: number }>("SELECT pg_total_relation_size('events') AS b")).rows[0].b;

  await saveArchivePolicy({ category: "ticker", olderThanDays: 30, historyOnly: true, enabled: true, actor: systemActor("bench") });
  const load = os.loadavg()[0];
  const nodeCpu = process.cpuUsage();
  const pgCpu = treeCpuMs(server.pgPid);
  t = performance.now();
  const run = await runArchivePolicy({ category: "ticker", trigger: "script", log });
  const archiveSeconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(nodeCpu);
  const pgAfter = treeCpuMs(server.pgPid);
  // Wall clock moves with whatever else runs on the machine; CPU seconds hardly do.
  const cpu = { nodeSeconds: (used.user + used.system) / 1e6, postgresSeconds: pgCpu !== undefined && pgAfter !== undefined ? (pgAfter - pgCpu) / 1000 : null, loadAverageBefore: load };
  log(`CPU: node ${cpu.nodeSeconds.toFixed(1)} s, postgres ${cpu.postgresSeconds?.toFixed(1) ?? "?"} s (load average ${load.toFixed(1)} on ${os.cpus().length} cores)`);
  if (run.status !== "succeeded") throw new Error(`the run failed: ${run.error}`);
  const hot = (await pool.query<{ n: number }>("SELECT count(*)::bigint AS n FROM events")).rows[0].n;
  log(`archived ${run.events} events in ${run.segments} segments in ${archiveSeconds.toFixed(1)} s (${Math.round(run.events / archiveSeconds)} events/s); ${run.eventBytes} event bytes → ${run.bytes} compressed; ${hot} left hot`);

  // Reads: a fresh process's first read (nothing cached: every run reads a different stream).
  const coldReads: number[] = [];
  const apiReads: number[] = [];
  for (let i = 0; i < READ_RUNS; i++) {
    t = performance.now();
    const rows = await readArchivedRows({ streamId: `ticker-S${i + 1}`, fromVersion: 1, toVersion: READ_RANGE });
    coldReads.push(performance.now() - t);
    if (rows.length !== READ_RANGE) throw new Error(`read ${rows.length} events, expected ${READ_RANGE}`);
  }
  for (let i = 0; i < READ_RUNS; i++) {
    const streamId = `ticker-S${i + 51}`;
    t = performance.now();
    let n = 0;
    for (let from: number | null = 1; from !== null && n < READ_RANGE; ) {
      const page: Awaited<ReturnType<typeof readStream>> = await readStream({ streamId, fromVersion: from, limit: 1000, includeArchived: true, pii: "masked" });
      n += page.events.length;
      from = page.next;
    }
    apiReads.push(performance.now() - t);
    if (n !== READ_RANGE) throw new Error(`paged ${n} events, expected ${READ_RANGE}`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  log(`read ${READ_RANGE} archived events: median ${median(coldReads).toFixed(0)} ms, max ${Math.max(...coldReads).toFixed(0)} ms (cold reader); ${median(apiReads).toFixed(0)} ms through readStream in pages of 1 000`);

  const result = {
    bench: "archive",
    at: new Date().toISOString(),
    note: `${EVENTS} ticker events in ${STREAMS} streams bulk-inserted with SQL (UUIDv7 ids), all older than a 30-day history-only policy; one run archives them in 100 000-event segments (PostgreSQL renders each stream's NDJSON, one gzip level-1 member per 1 000-event block, write to the filesystem backend, read back + SHA-256 + line count, then per segment one transaction: segment row, ids, delete, fenced archived_through). Reads: a stream's first ${READ_RANGE} versions from its blocks (byte ranges, not cached), and the same through readStream(includeArchived) in pages of 1 000 with upcasting and PII rendering.`,
    archive: { cpu, events: run.events, segments: run.segments, seconds: archiveSeconds, eventsPerSecond: Math.round(run.events / archiveSeconds), eventBytes: run.eventBytes, compressedBytes: run.bytes, hotLeft: hot, hotTableBytesBefore: tableBefore },
    read10k: { coldReaderMs: coldReads, readStreamMs: apiReads, medianColdReaderMs: median(coldReads), medianReadStreamMs: median(apiReads) },
    targets: { archive1MSeconds: 30, read10kMs: 500 },
  };
  const dir = path.join(process.cwd(), "bench-results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `archive-${result.at.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${file}`);
  await closeDb();
  await server.stop();
  fs.rmSync(archiveDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(`[bench-archive] ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
});
