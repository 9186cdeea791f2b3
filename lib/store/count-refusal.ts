import "server-only";
import { getPool } from "../db";

/**
 * Counts a refused append (or an idempotent replay) per hour, category and reason. Runs after the
 * refused transaction rolled back; a failure to count never hides the refusal itself.
 */
export async function countRefusal(category: string, reason: string): Promise<void> {
  await getPool()
    .query(
      `INSERT INTO append_refusals (hour, category, reason, count) VALUES (date_trunc('hour', now()), $1, $2, 1)
       ON CONFLICT (hour, category, reason) DO UPDATE SET count = append_refusals.count + 1`,
      [category, reason],
    )
    .catch(() => undefined);
}
