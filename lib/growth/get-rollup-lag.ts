import "server-only";
import { getPool } from "../db";
import { logTables } from "../source/log-tables";

/** Beyond this many events behind, the exact figure stops mattering and counting it would cost a scan. */
export const LAG_COUNT_CAP = 1_000_000;

export type RollupLag = {
  /** Events in the log after the checkpoint (capped at LAG_COUNT_CAP). */
  events: number;
  /** 0 when caught up; else seconds since the rollups last had nothing left to read. */
  seconds: number;
  checkpointUpdatedAt: string | null;
};

/** How far the hourly rollups trail the log, for /api/metrics and the growth page. */
export async function getRollupLag(): Promise<RollupLag> {
  const log = logTables();
  const { rows } = await getPool().query<{ events: number; since: number; updated_at: string | null }>(
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM ${log.events} e
               WHERE (e.tx_id, e.global_position) > (c.tx_id, c.global_position) LIMIT $2) behind)::bigint AS events,
            extract(epoch FROM clock_timestamp() - c.caught_up_at)::float8 AS since, c.updated_at
       FROM log_checkpoints c WHERE c.name = $1`,
    [log.rollupCheckpoint, LAG_COUNT_CAP],
  );
  const row = rows[0];
  if (!row) return { events: 0, seconds: 0, checkpointUpdatedAt: null };
  return { events: row.events, seconds: row.events > 0 ? Math.max(0, row.since) : 0, checkpointUpdatedAt: row.updated_at };
}
