import "server-only";
import { logTables } from "../source/log-tables";
import { getPool } from "../db";

export type LongStream = { streamId: string; category: string; version: number; bytes: number; lastEventAt: string | null; snapshotVersion: number | null };

/** The longest streams by events (the streams table, one row per stream): the ones replays and time travel pay for. */
export async function listLongestStreams(limit = 10): Promise<LongStream[]> {
  const { rows } = await getPool().query<LongStream>(
    `SELECT stream_id AS "streamId", category, version, bytes, last_event_at AS "lastEventAt", snapshot_version AS "snapshotVersion"
       FROM ${logTables().streams} WHERE version > 0 ORDER BY version DESC, stream_id LIMIT $1`,
    [limit],
  );
  return rows;
}
