import "server-only";
import { getPool } from "../db";
import { fitForecast, type Forecast } from "./forecast";

const DAY_MS = 86_400_000;

/**
 * The store's growth forecast from the hourly rollups: daily totals of the last `weeks` complete
 * UTC days (weeks × 7 × 24 hours of rollup rows at most, whatever the store's size) and the
 * cumulative totals, projected `ahead` days on.
 */
export async function getForecast(opts: { weeks?: number; ahead?: number; now?: number } = {}): Promise<Forecast> {
  const today = Math.floor((opts.now ?? Date.now()) / DAY_MS) * DAY_MS;
  const from = new Date(today - (opts.weeks ?? 4) * 7 * DAY_MS);
  const pool = getPool();
  const [daily, totals] = await Promise.all([
    pool.query<{ day: string; events: number; bytes: number }>(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(sum(r.count), 0)::bigint AS events, coalesce(sum(r.bytes), 0)::bigint AS bytes
         FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 day', interval '1 day') AS d (day)
         LEFT JOIN rollups_hourly r ON r.bucket >= d.day AND r.bucket < d.day + interval '1 day'
        GROUP BY d.day ORDER BY d.day`,
      [from, new Date(today)],
    ),
    // What the store held at the end of yesterday: the forecast starts from the last complete day.
    pool.query<{ events: number; bytes: number }>("SELECT coalesce(sum(count), 0)::bigint AS events, coalesce(sum(bytes), 0)::bigint AS bytes FROM rollups_hourly WHERE bucket < $1", [new Date(today)]),
  ]);
  // Days before the store's first event are not "zero growth": leave them out of the fit.
  const firstBusy = daily.rows.findIndex((d) => d.events > 0);
  const days = firstBusy < 0 ? [] : daily.rows.slice(firstBusy);
  return fitForecast(days, totals.rows[0], opts.ahead ?? 30);
}
