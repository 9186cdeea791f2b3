import "server-only";
import os from "node:os";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { getPool } from "../db";
import { REPLAY_QUEUE } from "../projections/projection-loop";
import { replayPartition } from "../projections/replay-partition";
import { env } from "../env";

/** What a replay job carries: one partition of one rebuild. */
export const replayPartitionPayload = z.object({ versionId: z.number().int().positive(), partition: z.number().int().nonnegative() }).strict();

/**
 * Replays one rebuild partition to its end (or until the rebuild is paused or cancelled). Safe
 * to run twice, even at the same time: replayPartition fences every batch on the partition's checkpoint.
 */
export async function handleReplayPartition(jobs: PgBoss.Job<unknown>[]): Promise<void> {
  for (const job of jobs) {
    const payload = replayPartitionPayload.parse(job.data);
    // Marks it running now, so the projection loop can tell a partition whose worker died from one still queued.
    await getPool().query(
      "UPDATE projection_partitions SET status = 'running', updated_at = clock_timestamp() WHERE version_id = $1 AND partition = $2 AND status IN ('queued', 'running', 'pending')",
      [payload.versionId, payload.partition],
    );
    const r = await replayPartition(payload);
    console.log(`[jobs] ${REPLAY_QUEUE} #${payload.versionId}/${payload.partition}: ${r.outcome} after ${r.events} events`);
  }
}

/** Creates the queue and works it with as many handlers as the machine has cores (one partition each). */
export async function registerReplayPartition(boss: PgBoss): Promise<void> {
  await boss.createQueue(REPLAY_QUEUE, { name: REPLAY_QUEUE, policy: "standard" });
  const handlers = Math.max(2, env("HINDSIGHT_REPLAY_WORKERS") ?? os.cpus().length);
  for (let i = 0; i < handlers; i++) await boss.work(REPLAY_QUEUE, { pollingIntervalSeconds: 1 }, (jobs) => handleReplayPartition(jobs));
}
