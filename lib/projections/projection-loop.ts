import "server-only";
import type PgBoss from "pg-boss";
import { getPool } from "../db";
import { startLeaderLoop, type LeaderLoop } from "../jobs/leader-loop";
import { EVENTS_CHANNEL } from "../store/notify-appended";
import { followBatch } from "./follow-version";
import { StateCache } from "./state-cache";
import { env } from "../env";

const LOCK_KEY = "hindsight.projections";
const SAFETY_POLL_MS = 1_000;
/** Batches per version per pass, so one long catch-up does not starve the others. */
const BATCHES_PER_PASS = 20;
/** A running partition that has committed nothing for this long lost its worker: its job is sent again. */
const STALE_SECONDS = env("HINDSIGHT_PARTITION_STALE_SECONDS");

export const REPLAY_QUEUE = "projection-replay";

export type ProjectionLoop = LeaderLoop;

/**
 * One leader across all workers (lib/jobs/leader-loop.ts) keeps every projection version that
 * follows the log current — catching up, live and previous — woken by the appenders' NOTIFY and a
 * 1 s poll. It also sends the replay jobs of new or resumed rebuild partitions, and sends again
 * those whose worker died (a copy that is still alive is harmless: checkpoints are fenced).
 */
export function startProjectionLoop(databaseUrl: string, boss: PgBoss, log: (line: string) => void = console.log): ProjectionLoop {
  const caches = new Map<number, StateCache>();
  return startLeaderLoop({
    databaseUrl,
    name: "projections",
    lockKey: LOCK_KEY,
    listen: [EVENTS_CHANNEL],
    log,
    leadingMessage: "leading the projection loop",
    pass: async ({ takeWoken, sleep }) => {
      takeWoken();
      await dispatchPartitions(boss);
      const busy = await followAll(caches);
      if (!busy && !takeWoken()) await sleep(SAFETY_POLL_MS);
    },
  });
}

/** Sends a replay job for every partition waiting for one, and again for those whose worker went silent. */
export async function dispatchPartitions(boss: PgBoss): Promise<number> {
  const { rows } = await getPool().query<{ version_id: number; partition: number; dispatches: number }>(
    `UPDATE projection_partitions p SET status = CASE WHEN p.status = 'pending' THEN 'queued' ELSE p.status END,
            dispatches = p.dispatches + 1, updated_at = clock_timestamp()
       FROM projection_versions v
      WHERE v.id = p.version_id AND v.status = 'building' AND NOT v.paused
        AND (p.status = 'pending'
             OR (p.status = 'running' AND p.updated_at < clock_timestamp() - make_interval(secs => $1))
             OR (p.status = 'queued' AND p.updated_at < clock_timestamp() - make_interval(secs => $1 * 10)))
      RETURNING p.version_id, p.partition, p.dispatches`,
    [STALE_SECONDS],
  );
  for (const r of rows) {
    await boss.send(REPLAY_QUEUE, { versionId: r.version_id, partition: r.partition }, { singletonKey: `${r.version_id}:${r.partition}:${r.dispatches}`, expireInSeconds: 6 * 3600, retryLimit: 3 });
  }
  return rows.length;
}

/** One pass over every version that follows the log; true when some still has more to read. */
export async function followAll(caches: Map<number, StateCache> = new Map()): Promise<boolean> {
  const { rows } = await getPool().query<{ id: number }>(
    "SELECT id FROM projection_versions WHERE status IN ('catching_up', 'live', 'previous') AND NOT paused AND parked_event_id IS NULL ORDER BY id",
  );
  const ids = new Set(rows.map((r) => r.id));
  for (const id of caches.keys()) if (!ids.has(id)) caches.delete(id);
  let busy = false;
  const client = await getPool().connect();
  try {
    for (const { id } of rows) {
      if (!caches.has(id)) caches.set(id, new StateCache());
      for (let i = 0; i < BATCHES_PER_PASS; i++) {
        const batch = await followBatch(client, id, caches.get(id)!);
        if (batch.events === 0 || batch.caughtUp) break;
        if (i === BATCHES_PER_PASS - 1) busy = true;
      }
    }
  } finally {
    client.release();
  }
  return busy;
}
