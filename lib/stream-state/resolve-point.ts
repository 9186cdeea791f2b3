import "server-only";
import { getPool } from "../db";
import { archivedVersionAt } from "../archive/read-archived";
import { AppError } from "../errors";
import type { StatePoint } from "./state-point";

export type ResolvedPoint = { category: string; streamVersion: number; version: number };

// The last version recorded at or before $2, by binary search over (stream_id, stream_version):
// recorded_at never decreases along a stream, and this needs no index on recorded_at per stream
// (one more index on events would slow every append). About log2(version) index probes.
const VERSION_AT_TIME = `
  WITH RECURSIVE b(lo, hi) AS (
    SELECT $4::int, $3::int
    UNION ALL
    SELECT CASE WHEN e.recorded_at <= $2::timestamptz THEN m.v ELSE b.lo END,
           CASE WHEN e.recorded_at <= $2::timestamptz THEN b.hi ELSE m.v - 1 END
      FROM b
      CROSS JOIN LATERAL (SELECT ((b.lo::bigint + b.hi + 1) / 2)::int AS v) m
      JOIN events e ON e.stream_id = $1 AND e.stream_version = m.v
     WHERE b.lo < b.hi
  )
  SELECT lo AS version FROM b WHERE lo = hi`;

/**
 * The stream's category and the version a point names: a version as given (422 past the end), a
 * time as the last version recorded at or before it (0 before the first event). 404 for a stream
 * that does not exist.
 */
export async function resolvePoint(streamId: string, target: StatePoint | undefined): Promise<ResolvedPoint> {
  const pool = getPool();
  const at = target && "at" in target ? target.at : null;
  const { rows } = await pool.query<{ category: string; version: number; archived_through: number; after_last: boolean | null; before_first: boolean | null; before_hot: boolean | null }>(
    `SELECT category, version, archived_through, $2::timestamptz >= last_event_at AS after_last, $2::timestamptz < first_event_at AS before_first,
            $2::timestamptz < (SELECT recorded_at FROM events e WHERE e.stream_id = s.stream_id AND e.stream_version = s.archived_through + 1) AS before_hot
       FROM streams s WHERE stream_id = $1 AND version > 0`,
    [streamId, at],
  );
  const stream = rows[0];
  if (!stream) throw new AppError("stream_not_found", `stream ${streamId} does not exist`, { streamId });
  const resolved = (version: number) => ({ category: stream.category, streamVersion: stream.version, version });
  if (!target) return resolved(stream.version);
  if ("version" in target) {
    if (target.version > stream.version) {
      throw new AppError("validation_failed", `stream ${streamId} is at version ${stream.version}; version ${target.version} does not exist`, { field: "version", streamVersion: stream.version });
    }
    return resolved(target.version);
  }
  if (stream.after_last) return resolved(stream.version);
  if (stream.before_first) return resolved(0);
  // Archived versions are no longer in events: a time before the hot range is placed in the archive.
  if (stream.archived_through > 0 && stream.before_hot !== false) return resolved(await archivedVersionAt(streamId, at!));
  const found = await pool.query<{ version: number }>(VERSION_AT_TIME, [streamId, at, stream.version, stream.archived_through]);
  if (!found.rows[0]) throw new Error(`stream ${streamId} has gaps in its history (archived events?): ${at} cannot be placed`);
  return resolved(found.rows[0].version);
}
