// npm run bench:erasure [-- --subject-events N --other-events N]
// Erasure (issue #8): a subject with 10 000 events in a store of other subjects' data. Measures key
// destruction (target <= 50 ms), execution plus the proof over the subject's own events (<= 2 s),
// and the store-wide phases' rates (baseline digest, plaintext sweep). Starts its own embedded
// PostgreSQL; prints a table and writes bench-results/erasure-<time>.json.
import "../domains/demo/install";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { closeDb, getPool } from "../lib/db";
import { startCluster } from "../lib/embedded-postgres";
import { migrate } from "../lib/migrate";
import { freePort } from "../lib/testing/global-setup";
import { fmtInt, table } from "./bench/report";

const TARGETS = { keyDestroyMs: 50, executionPlusOwnProofMs: 2000 };
const started = Date.now();
const loadAtStart = os.loadavg();
const log = (line: string) => console.log(`[bench-erasure +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { "subject-events": { type: "string" }, "other-events": { type: "string" } } });
  const subjectEvents = Number(values["subject-events"] ?? 10_000);
  const otherEvents = Number(values["other-events"] ?? 200_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-bench-erasure-"));
  const port = await freePort();
  log(`starting embedded PostgreSQL on port ${port} in ${dir}`);
  const cluster = await startCluster({ dir, port });
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  try {
    await admin.connect();
    await admin.query("CREATE DATABASE bench_erasure");
    const url = cluster.url("bench_erasure");
    log("migrating (prisma migrate deploy, ~11 s)");
    await migrate(url, log);
    process.env.DATABASE_URL = url;
    process.env.HINDSIGHT_MASTER_KEY ??= randomBytes(32).toString("base64");
    const { appendToStream } = await import("../lib/store/append-to-stream");
    const { takeSnapshots } = await import("../lib/snapshots/take-snapshots");
    const { createErasureRequest } = await import("../lib/compliance/create-erasure-request");
    const { approveErasure } = await import("../lib/compliance/approve-erasure");
    const { executeErasure } = await import("../lib/compliance/execute-erasure");
    const { verifyErasure } = await import("../lib/compliance/verify-erasure");
    const { ERASURE_SCANNERS } = await import("../lib/compliance/erasure-scanners");

    const subject = "ubench";
    const email = "ann.bench@example.org";
    log(`appending ${fmtInt(subjectEvents)} events of the subject`);
    for (let i = 0; i < subjectEvents; i += 1000) {
      const n = Math.min(1000, subjectEvents - i);
      await appendToStream({
        streamId: `user-${subject}`,
        events: Array.from({ length: n }, (_, j) =>
          i + j === 0
            ? { type: "UserRegistered", data: { userId: subject, email, name: "Ann Bench", country: "DE" } }
            : { type: "UserUpdated", data: { userId: subject, ...((i + j) % 2 ? { email } : { name: "Ann Bench" }), source: "bench" } },
        ),
      });
    }
    log(`appending ${fmtInt(otherEvents)} events of other subjects (1 000 users with PII, the rest ticks)`);
    const users = Math.min(1000, Math.floor(otherEvents / 20));
    for (let u = 0; u < users; u++) {
      const id = `o${u}`;
      await appendToStream({
        streamId: `user-${id}`,
        events: Array.from({ length: 20 }, (_, j) =>
          j === 0 ? { type: "UserRegistered", data: { userId: id, email: `${id}@example.org`, name: `Other ${u}`, country: "FR" } } : { type: "UserUpdated", data: { userId: id, email: `${id}@example.org` } },
        ),
      });
    }
    for (let left = otherEvents - users * 20, s = 0; left > 0; left -= 1000, s++) {
      await appendToStream({ streamId: `ticker-B${s % 50}`, events: Array.from({ length: Math.min(1000, left) }, (_, j) => ({ type: "PriceTicked", data: { symbol: `B${s % 50}`, bid: j, ask: j + 1, volume: 1 } })) });
    }
    await getPool().query("INSERT INTO snapshot_policies (category, every_n_events) VALUES ('user', 1000) ON CONFLICT (category) DO UPDATE SET every_n_events = 1000");
    let after: string | undefined;
    do after = (await takeSnapshots({ after, maxStreams: 500 })).next ?? undefined;
    while (after);
    await getPool().query("VACUUM ANALYZE events");
    await getPool().query("VACUUM ANALYZE snapshots");
    const storeEvents = (await getPool().query<{ n: number }>("SELECT count(*)::int AS n FROM events")).rows[0].n;
    log(`store: ${fmtInt(storeEvents)} events; requesting, approving, executing`);

    const request = await createErasureRequest({ subjectId: subject, reason: "bench", knownValues: [email], actor: { id: "bench-a", label: "bench requester" } });
    await approveErasure({ requestId: request.id, actor: { id: "bench-b", label: "bench approver" } });
    const t0 = performance.now();
    const executed = await executeErasure({ requestId: request.id });
    const executeMs = performance.now() - t0;
    const timings = executed.request.execution!.timings!;
    const t1 = performance.now();
    const db = getPool();
    const own = [];
    for (const scanner of ERASURE_SCANNERS) own.push({ source: scanner.source, ...(await scanner.checkEnvelopes({ db, subjectId: subject })) });
    const ownProofMs = performance.now() - t1;
    const t2 = performance.now();
    const verified = await verifyErasure({ requestId: request.id });
    const verifyMs = performance.now() - t2;
    const v = verified.request.verification!;
    if (verified.outcome !== "completed") throw new Error(`verification failed: ${verified.request.failure}`);
    const sweep = v.plaintext.find((p) => p.source === "events")!;

    const executionWithoutBaseline = executeMs - (timings.baselineMs ?? 0);
    const figures = {
      storeEvents,
      subjectEvents,
      keyDestroyMs: timings.keyDestroyMs!,
      snapshotsPurged: executed.request.execution!.snapshotsPurged,
      purgeMs: timings.purgeMs!,
      executionWithoutBaselineMs: Math.round(executionWithoutBaseline),
      ownProofMs: Math.round(ownProofMs),
      ownEnvelopes: own,
      executionPlusOwnProofMs: Math.round(executionWithoutBaseline + ownProofMs),
      baselineDigestMs: timings.baselineMs!,
      baselineEventsPerSecond: Math.round(storeEvents / ((timings.baselineMs ?? 1) / 1000)),
      sweepEventsScanned: sweep.scanned,
      sweepEventsPerSecond: v.sweepEventsPerSecond,
      verificationMs: Math.round(verifyMs),
    };
    const verdict = (x: number, max: number) => (x <= max ? "met" : "MISSED");
    console.log(`\nErasure of a subject with ${fmtInt(subjectEvents)} events in a store of ${fmtInt(storeEvents)} events\n`);
    console.log(table(["measurement", "value", "target", ""], [
      ["key destruction (FOR UPDATE, tombstone, NOTIFY, audit)", `${figures.keyDestroyMs} ms`, `<= ${TARGETS.keyDestroyMs} ms`, verdict(figures.keyDestroyMs, TARGETS.keyDestroyMs)],
      [`execution without baseline (key + purge ${figures.snapshotsPurged} snapshots + hooks)`, `${fmtInt(figures.executionWithoutBaselineMs)} ms`, "", ""],
      [`proof over the subject's own data (${own.map((o) => `${fmtInt(o.envelopes)} envelopes in ${o.source}, ${o.decryptable} decrypt`).join("; ")})`, `${fmtInt(figures.ownProofMs)} ms`, "", ""],
      ["execution + own proof", `${fmtInt(figures.executionPlusOwnProofMs)} ms`, `<= ${TARGETS.executionPlusOwnProofMs} ms`, verdict(figures.executionPlusOwnProofMs, TARGETS.executionPlusOwnProofMs)],
      ["baseline digest of other subjects' rows (store-wide)", `${fmtInt(figures.baselineDigestMs)} ms`, "", `${fmtInt(figures.baselineEventsPerSecond)} events/s`],
      ["plaintext sweep over the events (store-wide)", `${fmtInt(figures.sweepEventsScanned)} events`, "", `${fmtInt(figures.sweepEventsPerSecond ?? 0)} events/s`],
      ["whole verification job (envelopes, sweeps, digest, audit chain)", `${fmtInt(figures.verificationMs)} ms`, "", ""],
    ]));
    const out = path.join("bench-results", `erasure-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.mkdirSync("bench-results", { recursive: true });
    const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, loadAvgAtStart: loadAtStart, loadAvgAtEnd: os.loadavg() };
    fs.writeFileSync(out, JSON.stringify({ when: new Date().toISOString(), machine, targets: TARGETS, figures }, null, 2));
    console.log(`\nwritten ${out}`);
  } finally {
    await closeDb().catch(() => undefined);
    await admin.end().catch(() => undefined);
    await cluster.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
