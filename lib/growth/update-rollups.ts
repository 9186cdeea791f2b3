import "server-only";
import type pg from "pg";
import { getPool } from "../db";
import { runSql, typedSql } from "../sql/typed-sql";
import { logOrderSql } from "../source/log-order";
import { logTables, type LogTables } from "../source/log-tables";

export const ROLLUP_CHECKPOINT = "rollups_hourly";
export const DEFAULT_ROLLUP_BATCH = 10_000;

/**
 * The gap-safe log order (lib/source/log-order.ts) cut down to the columns a rollup needs,
 * aggregated and upserted in the same statement so a batch never travels to Node.
 * Hours are UTC whatever the session's time zone (date_bin is plain arithmetic, no zone
 * lookups). Returns the batch's size and last position.
 */
const rollupBatchText = (from: LogTables["events"]) => `
  WITH batch AS MATERIALIZED (${logOrderSql({
    select: "recorded_at, category, type, size_bytes, tx_id, global_position",
    from,
    afterTx: "$1",
    afterPosition: "$2",
    limit: "$3",
  })}
  ), upsert AS (
    INSERT INTO rollups_hourly AS r (bucket, category, type, count, bytes)
    SELECT date_bin('1 hour', recorded_at, timestamptz '2000-01-01 00:00:00+00'), category, type, count(*), sum(size_bytes)
      FROM batch GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (bucket, category, type)
      DO UPDATE SET count = r.count + EXCLUDED.count, bytes = r.bytes + EXCLUDED.bytes
  )
  SELECT (SELECT count(*) FROM batch) AS n, last.tx_id::text AS tx_id, last.global_position
    FROM (SELECT tx_id, global_position FROM batch ORDER BY tx_id DESC, global_position DESC LIMIT 1) last`;
const ROLLUP_BATCH_SQL = {
  events: typedSql("growth.rollup-batch", rollupBatchText("events"), { notNull: ["n", "tx_id"] }),
  source_events: typedSql("growth.rollup-batch-source", rollupBatchText("source_events"), { notNull: ["n", "tx_id"] }),
};

const rollupCheckpointSql = typedSql("growth.rollup-checkpoint", "SELECT tx_id::text AS tx_id, global_position FROM log_checkpoints WHERE name = $1 FOR UPDATE", {
  notNull: ["tx_id"],
});

export type RollupBatch = { events: number; fenced: boolean };

/**
 * Rolls up one batch after the checkpoint, in one short transaction: the counts and the fenced
 * checkpoint move together, so a job that runs twice (pg-boss delivers at least once) never
 * double-counts. The checkpoint row is locked first so a concurrent copy waits and then continues
 * from where this one stopped instead of deadlocking on the same rollup rows.
 */
export async function applyRollupBatch(client: pg.PoolClient, limit = DEFAULT_ROLLUP_BATCH): Promise<RollupBatch> {
  // Over a source, the index's rows are rolled up, with their own checkpoint.
  const log = logTables();
  const checkpoint = log.rollupCheckpoint;
  await client.query("BEGIN");
  try {
    const seen = await runSql(client, rollupCheckpointSql, [checkpoint]);
    if (!seen.rows[0]) throw new Error(`the ${checkpoint} checkpoint row is missing (migrations 20261126000400_rollups, 20261204001000_source_index)`);
    const { tx_id, global_position } = seen.rows[0];
    const batch = await runSql(client, ROLLUP_BATCH_SQL[log.events], [tx_id, global_position, limit]);
    const last = batch.rows[0];
    if (!last) {
      await client.query("ROLLBACK");
      return { events: 0, fenced: false };
    }
    const moved = await client.query(
      `UPDATE log_checkpoints SET tx_id = $2::xid8, global_position = $3, updated_at = now()
        WHERE name = $1 AND tx_id = $4::xid8 AND global_position = $5`,
      [checkpoint, last.tx_id, last.global_position, tx_id, global_position],
    );
    if (moved.rowCount !== 1) {
      // Someone else moved the checkpoint since we read it: their counts stand, ours must not.
      await client.query("ROLLBACK");
      return { events: 0, fenced: true };
    }
    await client.query("COMMIT");
    return { events: last.n, fenced: false };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}

export type UpdateRollupsResult = { events: number; batches: number; seconds: number };

/** Rolls up everything readable after the checkpoint, batch by batch (also the backfill: it starts at the log's start). */
export async function updateRollups(opts: { batchSize?: number; maxBatches?: number } = {}): Promise<UpdateRollupsResult> {
  const t0 = performance.now();
  const client = await getPool().connect();
  let events = 0;
  let batches = 0;
  try {
    for (;;) {
      if (opts.maxBatches !== undefined && batches >= opts.maxBatches) break;
      const batch = await applyRollupBatch(client, opts.batchSize);
      if (batch.events === 0) {
        if (!batch.fenced) {
          await client.query("UPDATE log_checkpoints SET caught_up_at = now() WHERE name = $1", [logTables().rollupCheckpoint]);
          break;
        }
        continue;
      }
      events += batch.events;
      batches++;
    }
  } finally {
    client.release();
  }
  return { events, batches, seconds: (performance.now() - t0) / 1000 };
}
