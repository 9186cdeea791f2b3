import "server-only";
import os from "node:os";
import { randomBytes } from "node:crypto";
import type PgBoss from "pg-boss";
import { getPool } from "../db";
import { startRollupLoop } from "../growth/rollup-loop";
import { startAlertLoop } from "../alerts/alert-loop";
import { createBoss } from "./boss";
import { registerErasureJobs } from "./erasure-jobs";
import { registerTakeSnapshots } from "./take-snapshots";
import { registerArchivePolicies } from "./archive-policies";
import { startProjectionLoop } from "../projections/projection-loop";
import { registerReplayPartition } from "./replay-projection-partition";
import { registerDrillTick } from "./drill-tick";
import { startAuditAnchorLoop } from "./audit-anchor-loop";
import { readsExternalSource } from "../source/source-config";
import { startSourceIndexLoop } from "../source/index/source-index-loop";

export type Worker = { id: string; boss: PgBoss; stop: () => Promise<void> };

const HEARTBEAT_MS = 10_000;

/**
 * Starts a worker: pg-boss (job handlers register here as features land), the long-lived log
 * loops (hourly rollups; one leader across workers) and a heartbeat row that /api/health reads.
 * The embedded default runs one in the `npm start` process; at scale `npm run worker` runs on as
 * many machines as needed.
 */
export async function startWorker(databaseUrl: string): Promise<Worker> {
  const id = `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const boss = createBoss(databaseUrl);
  await boss.start();
  await registerTakeSnapshots(boss);
  await registerErasureJobs(boss);
  await registerArchivePolicies(boss);
  await registerReplayPartition(boss);
  await registerDrillTick(boss);
  const beat = () =>
    getPool()
      .query(
        `INSERT INTO worker_heartbeats (worker_id, hostname, pid, started_at, beat_at) VALUES ($1, $2, $3, now(), now())
         ON CONFLICT (worker_id) DO UPDATE SET beat_at = now()`,
        [id, os.hostname(), process.pid],
      )
      .catch((e) => console.error("[worker] heartbeat failed:", e.message));
  await beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  // Over another store, its index is kept first: rollups, alerts and projections read the index.
  const sourceIndex = readsExternalSource() ? startSourceIndexLoop(databaseUrl) : undefined;
  const rollups = startRollupLoop(databaseUrl);
  const alerts = startAlertLoop(databaseUrl);
  const projections = startProjectionLoop(databaseUrl, boss);
  const anchors = startAuditAnchorLoop(databaseUrl);
  return {
    id,
    boss,
    stop: async () => {
      clearInterval(timer);
      await sourceIndex?.stop();
      await rollups.stop();
      await alerts.stop();
      await projections.stop();
      await anchors.stop();
      await getPool().query("DELETE FROM worker_heartbeats WHERE worker_id = $1", [id]).catch(() => undefined);
      await boss.stop({ graceful: true, timeout: 5_000, wait: true });
    },
  };
}
