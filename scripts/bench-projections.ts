// npm run bench:projections — projection rebuild (replay) rate on its own embedded PostgreSQL,
// with 1, 2 and 4 partitions, beside emmett-postgresql 0.42's projection rebuild on the same events.
// Events are bulk-inserted with SQL (the append path has its own bench); the replay reads,
// upcasts, evolves, writes rows and its fenced checkpoint batch by batch, as a rebuild does.
import "../domains/demo/install";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openServer } from "./bench/cluster";
import { summariseFilledEvents } from "./bench/summarise-filled-events";

const TARGET = Number(process.env.BENCH_PROJECTION_EVENTS ?? 5_000_000);
const STREAMS = Math.max(1, Math.round(TARGET / 200));
const CHUNK = 500_000;
const PARTITIONS = [1, 2, 4];
/** One job handler per core, as lib/jobs/replay-projection-partition.ts registers them (at least 2). */
const CORES = Math.max(2, Number(process.env.HINDSIGHT_REPLAY_WORKERS ?? os.cpus().length));
// emmett's rebuild ran at a few hundred events/s here: its share is capped so the bench ends today.
const EMMETT_EVENTS = Number(process.env.BENCH_EMMETT_EVENTS ?? 50_000);
const log = (line: string) => console.log(`[bench-projections] ${line}`);

/**
 * account-<n> streams in the shape of the demo world (AccountOpened, then deposits and
 * withdrawals), interleaved in the log as many accounts writing at once would be.
 */
const FILL_SQL = `
  INSERT INTO events (event_id, stream_id, category, stream_hash, stream_version, type, schema_version, data, recorded_at, size_bytes)
  SELECT gen_random_uuid(), 'account-' || s, 'account', hashtext('account-' || s), v,
         CASE WHEN v = 1 THEN 'AccountOpened' WHEN g % 3 = 0 THEN 'FundsWithdrawn' ELSE 'FundsDeposited' END, 1,
         CASE WHEN v = 1 THEN jsonb_build_object('accountId', s::text, 'ownerId', 'u' || s, 'currency', 'EUR')
              ELSE jsonb_build_object('accountId', s::text, 'amount', 1 + (g % 5000) / 100.0) END,
         now() - interval '90 days' + (g::float8 / $3) * interval '90 days', 90
    FROM generate_series($1::bigint + 1, $1::bigint + $2::bigint) g
    CROSS JOIN LATERAL (SELECT (g - 1) % $4 AS s, ((g - 1) / $4 + 1)::int AS v) k`;

async function main() {
  const server = await openServer(log);
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE hindsight_projection_bench");
  await admin.query("CREATE DATABASE emmett_projection_bench");
  await admin.end();
  const url = server.url("hindsight_projection_bench");
  process.env.DATABASE_URL = url;
  process.env.HINDSIGHT_MASTER_KEY ??= randomBytes(32).toString("base64");
  const { migrate } = await import("../lib/migrate");
  await migrate(url, log);
  const { closeDb, getPool } = await import("../lib/db");
  const { startRebuild } = await import("../lib/projections/start-rebuild");
  const { discardVersion } = await import("../lib/projections/discard-version");
  const { followUntilCaughtUp } = await import("../lib/projections/build-inline");
  const pool = getPool();

  const tf = performance.now();
  for (let done = 0; done < TARGET; done += CHUNK) {
    await pool.query(FILL_SQL, [done, Math.min(CHUNK, TARGET - done), TARGET, STREAMS]);
    log(`${((done + Math.min(CHUNK, TARGET - done)) / 1e6).toFixed(1)} M events in the store`);
  }
  // Partition replays walk the streams table (one row per stream), which appends keep and this fill must too.
  await summariseFilledEvents(pool);
  log(`filled ${TARGET} events over ${STREAMS} streams in ${((performance.now() - tf) / 1000).toFixed(0)} s`);

  const actor = { id: "system:bench", label: "bench" };
  const child = path.join(process.cwd(), "scripts/bench/replay-partition-child.ts");
  const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
  const runs: { partitions: number; processes: number; scheduling: Scheduling; events: number; seconds: number; eventsPerSecond: number; startSeconds: number; perPartition: { events: number; seconds: number }[] }[] = [];
  // Two ways to run P partitions: a process each (P workers on this machine, oversubscribed once
  // P > cores), and as one worker schedules them here (one job handler per core, so at most
  // `cores` partitions at once and the rest queued behind them).
  const plans = PARTITIONS.flatMap((partitions) =>
    partitions > CORES ? [{ partitions, scheduling: "process each" as const }, { partitions, scheduling: "one per core" as const }] : [{ partitions, scheduling: "process each" as const }],
  );
  for (const { partitions, scheduling } of plans) {
    const processes = scheduling === "one per core" ? CORES : partitions;
    const ts = performance.now();
    const { versionId, events } = await startRebuild({ name: "account-balances", codeVersion: 2, partitions, actor });
    const startSeconds = (performance.now() - ts) / 1000;
    // All processes start together once connected, timed from the first batch to the last one's
    // end (start-up is not replay).
    const perPartition = await runPartitions(tsx, child, versionId, partitions, processes);
    const tc = performance.now();
    await followUntilCaughtUp(versionId);
    const seconds = (Math.max(...perPartition.map((p) => p.endedAt)) - Math.min(...perPartition.map((p) => p.startedAt))) / 1000 + (performance.now() - tc) / 1000;
    const applied = perPartition.reduce((n, p) => n + p.events, 0);
    if (applied !== events) throw new Error(`replayed ${applied} events, expected ${events}`);
    const rows = (await pool.query<{ n: number }>("SELECT count(*)::bigint AS n FROM projection_rows WHERE version_id = $1", [versionId])).rows[0].n;
    runs.push({ partitions, processes, scheduling, events, seconds, eventsPerSecond: Math.round(events / seconds), startSeconds, perPartition });
    log(`${partitions} partition(s) in ${processes} process(es) (${scheduling}): ${events} events → ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(events / seconds)} events/s (start, with counting per partition: ${startSeconds.toFixed(1)} s)`);
    // Each run starts from nothing: the first becomes live by itself, the others are discarded.
    await pool.query("DELETE FROM projection_live");
    await pool.query("UPDATE projection_versions SET status = 'previous' WHERE id = $1", [versionId]);
    await discardVersion({ name: "account-balances", versionId, actor });
  }
  await closeDb();

  const emmett = await benchEmmett(server.url("emmett_projection_bench"), Math.min(EMMETT_EVENTS, TARGET));
  const result = {
    bench: "projections",
    at: new Date().toISOString(),
    cpus: os.cpus().length,
    events: TARGET,
    streams: STREAMS,
    note: "account-<n> streams bulk-inserted with SQL (interleaved), rebuilt by account-balances v2: read, upcast, evolve, write rows (upsert per batch) and the fenced checkpoint in one transaction per 5 000-event batch; partitions run a process each, and (when there are more partitions than cores) also as one worker schedules them, one job handler per core; the time runs from the first batch to caught up",
    runs,
    emmett,
    targets: { eventsPerSecond: 50_000, twoPartitionsSpeedupFrom4Cores: 1.5 },
  };
  const dir = path.join(process.cwd(), "bench-results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `projections-${result.at.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`machine: ${os.cpus().length} cores (shared with PostgreSQL)`);
  for (const r of runs) log(`  hindsight, ${r.partitions} partition(s), ${r.scheduling}: ${r.eventsPerSecond} events/s`);
  if (emmett.eventsPerSecond) log(`  emmett-postgresql 0.42 rebuildPostgreSQLProjections (pongo single-stream projection): ${emmett.eventsPerSecond} events/s over ${emmett.events} events`);
  else log(`  emmett-postgresql: ${emmett.note}`);
  log(`wrote ${file}`);
  await server.stop();
  process.exit(0);
}

type PartitionRun = { events: number; seconds: number; startedAt: number; endedAt: number };

type Scheduling = "process each" | "one per core";

/** Runs the version's partitions in `processes` processes, process i taking partitions i, i + processes, … in turn. */
async function runPartitions(tsx: string, child: string, versionId: number, partitions: number, processes: number): Promise<PartitionRun[]> {
  const assigned = Array.from({ length: processes }, (_, i) => Array.from({ length: partitions }, (_, p) => p).filter((p) => p % processes === i));
  const procs = assigned.map((ps) => spawn(tsx, ["--conditions=react-server", child, String(versionId), ps.join(",")], { env: process.env, stdio: ["pipe", "pipe", "inherit"] }));
  const outputs = procs.map((proc) => {
    let out = "";
    let onReady: () => void;
    const ready = new Promise<void>((r) => (onReady = r));
    proc.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("ready\n")) onReady();
    });
    const done = new Promise<PartitionRun>((resolve, reject) =>
      proc.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`partition process exited with ${code}`)))),
    );
    return { ready, done };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const proc of procs) proc.stdin.write("go\n");
  return Promise.all(outputs.map((o) => o.done));
}

type EmmettResult = { events: number; seconds: number | null; eventsPerSecond: number | null; documents: number | null; note: string };

/**
 * The peer: the same account events in emmett's own tables (bulk-inserted with SQL, as ours
 * were), rebuilt by rebuildPostgreSQLProjections with a pongo single-stream projection doing the
 * same fold as account-balances v2.
 */
async function benchEmmett(url: string, events: number): Promise<EmmettResult> {
  try {
    const { getPostgreSQLEventStore, pongoSingleStreamProjection, rebuildPostgreSQLProjections } = await import("@event-driven-io/emmett-postgresql");
    const store = getPostgreSQLEventStore(url);
    await store.schema.migrate();
    await store.close();
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const streams = Math.max(1, Math.round(events / 200));
    for (let done = 0; done < events; done += CHUNK) {
      const n = Math.min(CHUNK, events - done);
      await db.query(
        `INSERT INTO emt_messages (stream_position, transaction_id, stream_id, message_schema_version, message_id, message_type, message_data, message_metadata)
         SELECT v, pg_current_xact_id(), 'account-' || s, '1', gen_random_uuid()::text,
                CASE WHEN v = 1 THEN 'AccountOpened' WHEN g % 3 = 0 THEN 'FundsWithdrawn' ELSE 'FundsDeposited' END,
                CASE WHEN v = 1 THEN jsonb_build_object('accountId', s::text, 'ownerId', 'u' || s, 'currency', 'EUR')
                     ELSE jsonb_build_object('accountId', s::text, 'amount', 1 + (g % 5000) / 100.0) END, '{}'::jsonb
           FROM generate_series($1::bigint + 1, $1::bigint + $2::bigint) g
          CROSS JOIN LATERAL (SELECT (g - 1) % $3 AS s, ((g - 1) / $3 + 1)::int AS v) k`,
        [done, n, streams],
      );
    }
    await db.query(
      `INSERT INTO emt_streams (stream_id, stream_position, stream_type, stream_metadata)
       SELECT stream_id, max(stream_position), 'account', '{}'::jsonb FROM emt_messages GROUP BY stream_id`,
    );
    await db.query("VACUUM ANALYZE emt_messages");
    log(`emmett: ${events} events in emt_messages`);
    type Doc = { balance: number; deposited: number; withdrawn: number; events: number; ownerId: string | null; currency: string | null };
    type AccountEvent =
      | { type: "AccountOpened"; data: { accountId: string; ownerId: string; currency: string } }
      | { type: "FundsDeposited"; data: { accountId: string; amount: number } }
      | { type: "FundsWithdrawn"; data: { accountId: string; amount: number } };
    const projection = pongoSingleStreamProjection<Doc, AccountEvent>({
      collectionName: "account_balances",
      canHandle: ["AccountOpened", "FundsDeposited", "FundsWithdrawn"],
      initialState: () => ({ balance: 0, deposited: 0, withdrawn: 0, events: 0, ownerId: null, currency: null }),
      evolve: (doc: Doc, e: AccountEvent) => {
        const next = { ...doc, events: doc.events + 1 };
        if (e.type === "AccountOpened") return { ...next, ownerId: e.data.ownerId, currency: e.data.currency };
        if (e.type === "FundsDeposited") return { ...next, balance: Math.round((doc.balance + e.data.amount) * 100) / 100, deposited: Math.round((doc.deposited + e.data.amount) * 100) / 100 };
        return { ...next, balance: Math.round((doc.balance - e.data.amount) * 100) / 100, withdrawn: Math.round((doc.withdrawn + e.data.amount) * 100) / 100 };
      },
    });
    const consumer = rebuildPostgreSQLProjections<AccountEvent>({ connectionString: url, projections: [projection], pulling: { batchSize: 1_000 } });
    const t0 = performance.now();
    await consumer.start();
    const seconds = (performance.now() - t0) / 1000;
    await consumer.close();
    const docs = await db.query<{ n: string }>("SELECT count(*) AS n FROM account_balances").catch(() => ({ rows: [{ n: "0" }] }));
    await db.end();
    return { events, seconds, eventsPerSecond: Math.round(events / seconds), documents: Number(docs.rows[0].n), note: "rebuildPostgreSQLProjections with a pongoSingleStreamProjection (the same fold), pulling 1 000 messages per batch" };
  } catch (e) {
    return { events, seconds: null, eventsPerSecond: null, documents: null, note: `could not run: ${e instanceof Error ? e.message : String(e)}` };
  }
}

main().catch((e) => {
  console.error(`[bench-projections] ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
});
