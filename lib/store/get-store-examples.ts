import "server-only";
import { getPool } from "../db";
import { getCategoryRanking } from "../growth/get-category-ranking";

/** Examples for form hints, taken from the store itself (the console names no domain's types or streams). */
export type StoreExamples = { category: string | null; streamId: string | null };

/** The largest category and one of its streams; nulls on an empty store. */
export async function getStoreExamples(): Promise<StoreExamples> {
  const [category] = await getCategoryRanking();
  if (!category) return { category: null, streamId: null };
  const { rows } = await getPool().query<{ stream_id: string }>("SELECT stream_id FROM streams WHERE category = $1 AND version > 0 ORDER BY stream_id LIMIT 1", [category]);
  return { category, streamId: rows[0]?.stream_id ?? null };
}
