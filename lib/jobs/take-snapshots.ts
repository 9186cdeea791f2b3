import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { takeSnapshots, type TakeSnapshotsResult } from "../snapshots/take-snapshots";

/** The pg-boss queue of the snapshot job. */
export const TAKE_SNAPSHOTS_QUEUE = "take-snapshots";

/** What a take-snapshots job may carry: nothing (every due stream), a category, or some streams. */
export const takeSnapshotsPayload = z
  .object({
    category: z.string().min(1).max(200).optional(),
    streamIds: z.array(z.string().min(1).max(200)).min(1).max(1000).optional(),
  })
  .strict();

export type TakeSnapshotsPayload = z.infer<typeof takeSnapshotsPayload>;

// A run stops after this long and leaves the rest to the next one (well inside pg-boss's 15-minute expiry).
const BUDGET_MS = 4 * 60_000;
// Every five minutes: far below what a policy of 1 000 ticks needs, and cheap when nothing is due.
const SCHEDULE = "*/5 * * * *";

/**
 * Runs take-snapshots jobs: one pass over the due streams in id order, page by page, within a
 * time budget. Idempotent (snapshots are keyed and inserted with ON CONFLICT DO NOTHING, streams
 * are locked while snapshotted), so a retry, or an expired copy running alongside, is harmless.
 */
export async function handleTakeSnapshots(jobs: PgBoss.Job<unknown>[], budgetMs = BUDGET_MS): Promise<TakeSnapshotsResult> {
  const total: TakeSnapshotsResult = { streams: 0, snapshots: 0, replaced: 0, skipped: 0, next: null };
  const deadline = Date.now() + budgetMs;
  for (const job of jobs) {
    const payload = takeSnapshotsPayload.parse(job.data ?? {});
    let after: string | undefined;
    do {
      const r = await takeSnapshots({ ...payload, after });
      total.streams += r.streams;
      total.snapshots += r.snapshots;
      total.replaced += r.replaced;
      total.skipped += r.skipped;
      after = r.next ?? undefined;
    } while (after && Date.now() < deadline);
    total.next = after ?? null;
  }
  if (total.snapshots || total.replaced) {
    console.log(`[jobs] ${TAKE_SNAPSHOTS_QUEUE}: ${total.snapshots} snapshot(s) over ${total.streams} stream(s), ${total.replaced} invalid replaced`);
  }
  return total;
}

/** Creates the queue, works it, schedules it, and asks for one run now (a fresh store gets its snapshots without waiting). */
export async function registerTakeSnapshots(boss: PgBoss): Promise<void> {
  // "stately": at most one run queued and one active, so schedules never pile up behind a long run.
  await boss.createQueue(TAKE_SNAPSHOTS_QUEUE, { name: TAKE_SNAPSHOTS_QUEUE, policy: "stately" });
  await boss.work(TAKE_SNAPSHOTS_QUEUE, (jobs) => handleTakeSnapshots(jobs));
  await boss.schedule(TAKE_SNAPSHOTS_QUEUE, SCHEDULE, {});
  await boss.send(TAKE_SNAPSHOTS_QUEUE, {});
}
