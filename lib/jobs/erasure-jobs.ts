import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { getPool } from "../db";
import { executeErasure } from "../compliance/execute-erasure";
import { recheckHolds } from "../compliance/recheck-holds";
import { verifyErasure } from "../compliance/verify-erasure";
import { enqueueErasureJob, ERASURE_EXECUTE_QUEUE, ERASURE_SWEEP_QUEUE, ERASURE_VERIFY_QUEUE } from "./erasure-queues";

export const erasureJobPayload = z.object({ requestId: z.uuid() }).strict();

/** Runs erasure-execute jobs; a finished execution queues its verification. Idempotent (see executeErasure). */
export async function handleErasureExecute(jobs: PgBoss.Job<unknown>[], boss?: PgBoss): Promise<void> {
  for (const job of jobs) {
    const { requestId } = erasureJobPayload.parse(job.data);
    const r = await executeErasure({ requestId });
    console.log(`[jobs] ${ERASURE_EXECUTE_QUEUE} ${requestId}: ${r.outcome}`);
    if (r.outcome === "executed" || r.request.status === "verifying") await enqueueErasureJob(ERASURE_VERIFY_QUEUE, requestId, boss);
  }
}

/** Runs erasure-verify jobs: the store-wide proof, with progress on the request. */
export async function handleErasureVerify(jobs: PgBoss.Job<unknown>[]): Promise<void> {
  for (const job of jobs) {
    const { requestId } = erasureJobPayload.parse(job.data);
    const r = await verifyErasure({ requestId });
    console.log(`[jobs] ${ERASURE_VERIFY_QUEUE} ${requestId}: ${r.outcome}`);
  }
}

// A request whose job was lost (queued from a process without pg-boss, a crash past the retries).
const STALE = "2 minutes";

/**
 * The periodic erasure sweep: re-evaluates legal holds (an expired hold releases its requests
 * with nobody acting) and queues the step of every request whose job was never queued or was lost.
 */
export async function handleErasureSweep(boss?: PgBoss): Promise<{ released: number; blocked: number; queued: number }> {
  const holds = await recheckHolds();
  const { rows } = await getPool().query<{ id: string; status: string }>(
    `SELECT id, status FROM erasure_requests
      WHERE status = 'approved' OR (status IN ('executing', 'verifying') AND updated_at < now() - $1::interval)`,
    [STALE],
  );
  let queued = 0;
  for (const r of rows) if (await enqueueErasureJob(r.status === "verifying" ? ERASURE_VERIFY_QUEUE : ERASURE_EXECUTE_QUEUE, r.id, boss)) queued++;
  return { released: holds.released.length, blocked: holds.blocked.length, queued };
}

/** Creates the erasure queues, works them and schedules the sweep every minute. */
export async function registerErasureJobs(boss: PgBoss): Promise<void> {
  for (const q of [ERASURE_EXECUTE_QUEUE, ERASURE_VERIFY_QUEUE, ERASURE_SWEEP_QUEUE]) await boss.createQueue(q, { name: q, policy: "stately" });
  await boss.work(ERASURE_EXECUTE_QUEUE, (jobs) => handleErasureExecute(jobs, boss));
  await boss.work(ERASURE_VERIFY_QUEUE, (jobs) => handleErasureVerify(jobs));
  await boss.work(ERASURE_SWEEP_QUEUE, () => handleErasureSweep(boss));
  await boss.schedule(ERASURE_SWEEP_QUEUE, "* * * * *", {});
}
