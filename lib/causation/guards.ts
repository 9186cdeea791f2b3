import "server-only";
import type { Actor } from "../audit/actor";
import { appendAudit } from "../audit/append-audit";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { flushRefusalCounts } from "../store/count-refusal";

/** hs_append's defaults when a category has no row in category_settings. */
export const DEFAULT_GUARDS = { maxDepth: 100, maxPerHour: 10_000 } as const;

export type CategoryGuards = {
  category: string;
  maxDepth: number;
  maxPerHour: number;
  /** False when the category runs on the defaults (no row in category_settings). */
  custom: boolean;
  updatedAt: string | null;
};

/**
 * The two append guards of every category the store holds (and of any category configured before
 * its first event). Categories are found by a skip scan of the streams index, one probe per category.
 */
export async function listGuards(): Promise<CategoryGuards[]> {
  const { rows } = await getPool().query<CategoryGuards>(
    `WITH RECURSIVE cats AS (
       (SELECT category FROM streams ORDER BY category LIMIT 1)
       UNION ALL
       SELECT (SELECT s.category FROM streams s WHERE s.category > cats.category ORDER BY s.category LIMIT 1)
         FROM cats WHERE cats.category IS NOT NULL
     ), every AS (
       SELECT category FROM cats WHERE category IS NOT NULL
       UNION SELECT category FROM category_settings
     )
     SELECT e.category, coalesce(cs.max_causation_depth, $1) AS "maxDepth", coalesce(cs.max_correlation_per_hour, $2) AS "maxPerHour",
            cs.category IS NOT NULL AS custom, cs.updated_at AS "updatedAt"
       FROM every e LEFT JOIN category_settings cs ON cs.category = e.category
      ORDER BY e.category`,
    [DEFAULT_GUARDS.maxDepth, DEFAULT_GUARDS.maxPerHour],
  );
  return rows;
}

export type UpdateGuardsOptions = { category: string; maxDepth: number; maxPerHour: number; actor: Actor };

/**
 * Sets a category's causation-depth and events-per-correlation-per-hour limits, which hs_append
 * reads on every append; the audit entry (with the values before and after) commits with it.
 */
export async function updateGuards(opts: UpdateGuardsOptions): Promise<CategoryGuards> {
  return inTransaction(async (client) => {
    const before = await client.query<{ max_causation_depth: number; max_correlation_per_hour: number }>(
      "SELECT max_causation_depth, max_correlation_per_hour FROM category_settings WHERE category = $1 FOR UPDATE",
      [opts.category],
    );
    const { rows } = await client.query<CategoryGuards>(
      `INSERT INTO category_settings (category, max_causation_depth, max_correlation_per_hour, updated_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (category) DO UPDATE SET max_causation_depth = EXCLUDED.max_causation_depth,
         max_correlation_per_hour = EXCLUDED.max_correlation_per_hour, updated_at = now()
       RETURNING category, max_causation_depth AS "maxDepth", max_correlation_per_hour AS "maxPerHour", true AS custom, updated_at AS "updatedAt"`,
      [opts.category, opts.maxDepth, opts.maxPerHour],
    );
    const was = before.rows[0];
    await appendAudit(client, {
      actor: opts.actor,
      action: "guards.updated",
      target: `category:${opts.category}`,
      details: {
        before: was ? { maxDepth: was.max_causation_depth, maxPerHour: was.max_correlation_per_hour } : { ...DEFAULT_GUARDS, default: true },
        after: { maxDepth: opts.maxDepth, maxPerHour: opts.maxPerHour },
      },
    });
    return rows[0];
  });
}

export type RefusalBucket = { hour: string; reason: string; count: number };

/** Refused appends and idempotent replays per hour and reason (all categories) in [from, to). */
export async function listRefusals(opts: { from: Date; to: Date; category?: string }): Promise<RefusalBucket[]> {
  // This process's latest refusals are still in memory; others' are at most a second behind.
  await flushRefusalCounts();
  const { rows } = await getPool().query<RefusalBucket>(
    `SELECT hour, reason, sum(count)::bigint AS count FROM append_refusals
      WHERE hour >= date_trunc('hour', $1::timestamptz) AND hour < $2 AND ($3::text IS NULL OR category = $3)
      GROUP BY hour, reason ORDER BY hour, reason`,
    [opts.from.toISOString(), opts.to.toISOString(), opts.category ?? null],
  );
  return rows;
}
