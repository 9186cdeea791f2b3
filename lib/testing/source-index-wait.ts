import { getPool } from "../db";
import { updateRollups } from "../growth/update-rollups";
import { indexSourceBatch } from "../source/index/follow-source";
import { sourceKey } from "../source/index/source-index-loop";
import { getSource } from "../source/open-source";
import { sourceConfigFromEnv } from "../source/source-config";

const pause = () => new Promise((r) => setTimeout(r, 25));

/**
 * Indexes the configured source in pages of 4 until the index holds `want` events; returns how
 * many it copied. The snapshot xmin and pg_stat_activity are cluster-wide: another test file's
 * open transaction holds gap-safe readers back for a moment, and they wait rather than skip.
 */
export async function indexAllOf(want: number): Promise<number> {
  const key = sourceKey(sourceConfigFromEnv());
  let n = 0;
  for (let i = 0; i < 800; i++) {
    const b = await indexSourceBatch(getSource(), key, 4);
    n += b.events;
    const { rows } = await getPool().query<{ n: number }>("SELECT count(*) AS n FROM source_events");
    if (b.caughtUp && rows[0].n === want) return n;
    if (b.caughtUp) await pause();
  }
  throw new Error(`the index never caught up with the source's ${want} events`);
}

/** Rolls the index up until the rollups count every indexed event (same cluster-wide wait as above). */
export async function rollUpAll(): Promise<void> {
  for (let i = 0; i < 800; i++) {
    await updateRollups();
    const { rows } = await getPool().query<{ ok: boolean }>("SELECT (SELECT coalesce(sum(count), 0) FROM rollups_hourly) = (SELECT count(*) FROM source_events) AS ok");
    if (rows[0].ok) return;
    await pause();
  }
  throw new Error("the rollups never caught up with the index");
}

/**
 * Waits until every indexed event lies below the cluster's snapshot xmin, so a rebuild started now
 * replays all of them (its horizon is that xmin) instead of leaving some to the follow phase.
 */
export async function waitForIndexBelowHorizon(): Promise<void> {
  for (let i = 0; i < 800; i++) {
    const { rows } = await getPool().query<{ ok: boolean }>(
      "SELECT coalesce((SELECT max(tx_id) FROM source_events) < pg_snapshot_xmin(pg_current_snapshot()), true) AS ok",
    );
    if (rows[0].ok) return;
    await pause();
  }
  throw new Error("another transaction in the cluster kept the index above the rebuild horizon");
}
