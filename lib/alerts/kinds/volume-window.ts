import "server-only";
import { logTables } from "../../source/log-tables";
import type pg from "pg";

export type VolumeScope = "category" | "type" | "all";

/**
 * Events recorded in [from, to) for a category, a type or the whole store, without scanning the
 * store: the whole UTC hours inside the window come from the hourly rollups, and only the partial
 * hours at either end are counted from `events` (by its recorded_at index), so the cost follows
 * the traffic of at most two hours, never the size of the store.
 */
export async function countEventsInWindow(db: pg.Pool, opts: { scope: VolumeScope; target: string; from: Date; to: Date }): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `WITH w AS (
       SELECT $1::timestamptz AS t0, $2::timestamptz AS t1,
              date_bin('1 hour', $1::timestamptz, timestamptz '2000-01-01 00:00:00+00') AS f0,
              date_bin('1 hour', $2::timestamptz, timestamptz '2000-01-01 00:00:00+00') AS h1
     ), b AS (
       -- [h0, h1): the whole hours inside the window (empty when it spans no whole hour)
       SELECT t0, t1, CASE WHEN f0 = t0 THEN f0 ELSE f0 + interval '1 hour' END AS h0, h1 FROM w
     )
     SELECT (SELECT coalesce(sum(r.count), 0) FROM rollups_hourly r, b
              WHERE b.h0 < b.h1 AND r.bucket >= b.h0 AND r.bucket < b.h1
                AND ($3 = 'all' OR ($3 = 'category' AND r.category = $4) OR ($3 = 'type' AND r.type = $4)))
          + (SELECT count(*) FROM ${logTables().events} e, b
              WHERE (CASE WHEN b.h0 < b.h1
                          THEN (e.recorded_at >= b.t0 AND e.recorded_at < b.h0) OR (e.recorded_at >= b.h1 AND e.recorded_at < b.t1)
                          ELSE e.recorded_at >= b.t0 AND e.recorded_at < b.t1 END)
                AND ($3 = 'all' OR ($3 = 'category' AND e.category = $4) OR ($3 = 'type' AND e.type = $4))) AS n`,
    [opts.from, opts.to, opts.scope, opts.target],
  );
  return Number(rows[0].n);
}

/** "5 min", "1 h", "90 s": a window length for people. */
export function formatWindow(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
