import "server-only";
import type pg from "pg";
import type { VolumeScope } from "./volume-window";

export type SameHourVolumes = {
  observed: number;
  /** Mean of the weeks used. */
  expected: number;
  /** Previous weeks that the store covers (an hour before the first rollup is "no data", not zero). */
  weeksUsed: number;
  /** The count of each week used, most recent first. */
  weekly: number[];
};

/**
 * The rolled-up count of `hours` whole hours from `hour`, and of the same hours 1…`weeks` weeks
 * earlier: (weeks + 1) × hours primary-key ranges of the rollups.
 */
export async function getSameHourVolumes(db: pg.Pool, opts: { hour: Date; hours?: number; weeks: number; scope: VolumeScope; target: string }): Promise<SameHourVolumes> {
  const { rows } = await db.query<{ k: number; n: number; covered: boolean }>(
    `WITH first AS (SELECT min(bucket) AS b FROM rollups_hourly)
     SELECT k, (SELECT coalesce(sum(r.count), 0) FROM rollups_hourly r
                 WHERE r.bucket >= $1::timestamptz - make_interval(days => 7 * k)
                   AND r.bucket < $1::timestamptz - make_interval(days => 7 * k) + make_interval(hours => $5)
                   AND ($3 = 'all' OR ($3 = 'category' AND r.category = $4) OR ($3 = 'type' AND r.type = $4)))::bigint AS n,
            coalesce($1::timestamptz - make_interval(days => 7 * k) >= (SELECT b FROM first), false) AS covered
       FROM generate_series(0, $2::int) AS k ORDER BY k`,
    [opts.hour, opts.weeks, opts.scope, opts.target, opts.hours ?? 1],
  );
  const weekly = rows.filter((r) => r.k > 0 && r.covered).map((r) => Number(r.n));
  return {
    observed: Number(rows[0].n),
    expected: weekly.length ? weekly.reduce((a, b) => a + b, 0) / weekly.length : 0,
    weeksUsed: weekly.length,
    weekly,
  };
}
