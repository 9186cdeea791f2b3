import "server-only";
import { rankCategories, type CategoryRanking } from "../category-palette";
import { getPool } from "../db";

const FRESH_MS = 30_000;
let cached: { at: number; ranking: Promise<CategoryRanking> } | undefined;

/**
 * The one ranking that colours categories everywhere: events per category over all the hourly
 * rollups, largest first. Kept for half a minute so every page and panel of that time agrees.
 */
export function getCategoryRanking(): Promise<CategoryRanking> {
  const now = Date.now();
  if (cached && now - cached.at < FRESH_MS) return cached.ranking;
  const ranking = getPool()
    .query<{ category: string; events: number }>("SELECT category, sum(count)::bigint AS events FROM rollups_hourly GROUP BY category")
    .then(({ rows }) => rankCategories(rows.map((r) => ({ category: r.category, events: Number(r.events) }))));
  cached = { at: now, ranking };
  ranking.catch(() => (cached = undefined));
  return ranking;
}
