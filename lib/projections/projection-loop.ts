import "server-only";
import pg from "pg";
import type PgBoss from "pg-boss";
import { getPool } from "../db";
import { poolConfigFromUrl } from "../db-config";
import { EVENTS_CHANNEL } from "../store/notify-appended";
import { followBatch } from "./follow-version";
import { StateCache } from "./state-cache";

const LOCK_KEY = "hindsight.projections";
const SAFETY_POLL_MS = 1_000;
const STANDBY_RETRY_MS = 5_000;
/** Batches per version per pass, so one long catch-up does not starve the others. */
const BATCHES_PER_PASS = 20;
/** A running partition that has committed nothing for this long lost its worker: its job is sent again. */
const STALE_SECONDS = Number(process.env.HINDSIGHT_PARTITION_STALE_SECONDS ?? 60);

export const REPLAY_QUEUE = "projection-replay";

export type ProjectionLoop = { isLeader: () => boolean; stop: () => Promise<void> };

/**
 * One leader across all workers (session advisory lock on a dedicated connection) keeps every
 * projection version that follows the log current — catching up, live and previous — woken by
 * the appenders' NOTIFY and a 1 s poll. It also sends the replay jobs of new or resumed rebuild
 * partitions, and sends again those whose worker died (a copy that is still alive is harmless:
 * checkpoints are fenced).
 */
export function startProjectionLoop(databaseUrl: string, boss: PgBoss, log: (line: string) => void = console.log): ProjectionLoop {
  let stopped = false;
  let leader = false;
  let client: pg.Client | undefined;
  let wake: (() => void) | undefined;
  let pending = true;
  const caches = new Map<number, StateCache>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const lead = async () => {
    client = new pg.Client({ ...poolConfigFromUrl(databaseUrl), application_name: "hindsight-projections" });
    client.on("error", () => undefined);
    client.on("notification", () => {
      pending = true;
      wake?.();
    });
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [LOCK_KEY]);
    if (!rows[0].ok) return;
    leader = true;
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    log("[projections] leading the projection loop");
    while (!stopped) {
      pending = false;
      await dispatchPartitions(boss);
      const busy = await followAll(caches);
      await client.query("SELECT 1");
      if (!pending && !busy && !stopped) await sleep(SAFETY_POLL_MS);
    }
  };

  const done = (async () => {
    while (!stopped) {
      try {
        await lead();
      } catch (e) {
        if (!stopped) log(`[projections] ${leader ? "leader stopped" : "could not lead"}: ${(e as Error).message}`);
      } finally {
        leader = false;
        await client?.end().catch(() => undefined);
        client = undefined;
      }
      if (!stopped) await sleep(STANDBY_RETRY_MS);
    }
  })();

  return {
    isLeader: () => leader,
    stop: async () => {
      stopped = true;
      wake?.();
      await done;
    },
  };
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
