import "server-only";
import { sourceCapability } from "../source/require-capability";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { getPool } from "../db";
import { runArchivePolicy, type RunArchivePolicyResult } from "../archive/run-archive-policy";

/** The pg-boss queue of the archiving job. */
export const ARCHIVE_QUEUE = "archive-policies";

/** A run of every enabled policy, or of one category's. */
export const archivePayload = z.object({ category: z.string().min(1).max(200).optional() }).strict();

// Hourly: archiving works in days; a policy's "run now" on the Archive page does not wait for it.
const SCHEDULE = "17 * * * *";

/**
 * Runs archive policies, one category after another. Idempotent: a run takes the category's
 * advisory lock (a concurrent copy skips), moves only what is still hot and fences every segment
 * on the streams' archived_through, so a retry or an expired copy running alongside is harmless.
 */
export async function handleArchivePolicies(jobs: PgBoss.Job<unknown>[]): Promise<RunArchivePolicyResult[]> {
  const results: RunArchivePolicyResult[] = [];
  // Over another store there is nothing of Hindsight's own to archive: scheduled runs do nothing.
  if (!sourceCapability("archive").ok) return results;
  for (const job of jobs) {
    const payload = archivePayload.parse(job.data ?? {});
    const { rows } = await getPool().query<{ category: string }>(
      "SELECT category FROM archive_policies WHERE enabled AND ($1::text IS NULL OR category = $1) ORDER BY category",
      [payload.category ?? null],
    );
    for (const { category } of rows) {
      const r = await runArchivePolicy({ category, trigger: "schedule" });
      if (r.status === "failed") console.error(`[jobs] ${ARCHIVE_QUEUE}: ${category} failed: ${r.error}`);
      else if (r.events > 0) console.log(`[jobs] ${ARCHIVE_QUEUE}: ${category}: ${r.events} event(s) in ${r.segments} segment(s)`);
      results.push(r);
    }
  }
  return results;
}

/** Creates the queue, works it and schedules it. */
export async function registerArchivePolicies(boss: PgBoss): Promise<void> {
  await boss.createQueue(ARCHIVE_QUEUE, { name: ARCHIVE_QUEUE, policy: "stately" });
  await boss.work(ARCHIVE_QUEUE, (jobs) => handleArchivePolicies(jobs));
  await boss.schedule(ARCHIVE_QUEUE, SCHEDULE, {});
}
