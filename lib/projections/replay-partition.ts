import "server-only";
import { attachSourcePayloads, INDEX_EVENT_FIELDS } from "../source/attach-payloads";
import { logTables, type LogTables } from "../source/log-tables";
import type pg from "pg";
import { getLongWorkPool } from "../db";
import { runSql, typedSql } from "../sql/typed-sql";
import { acceptedTypes, foldEvents, keyEvents, keysOf, PoisonEventError, type StoredEvent } from "./fold-events";
import { requireProjection } from "./registry";
import { writeStates } from "./rows-table";
import { StateCache } from "./state-cache";
import { env } from "../env";

export const DEFAULT_REPLAY_BATCH = env("HINDSIGHT_REPLAY_BATCH");

type PartitionRow = {
  name: string;
  code_version: number;
  version_status: string;
  paused: boolean;
  horizon_tx: string;
  status: string;
  hash_from: number;
  hash_to: number;
  ordering: "version" | "stream" | "log";
  cp_hash: number;
  cp_tx: string;
  cp_position: number;
  cp_stream: string;
  cp_version: number;
};

const EVENT_FIELDS = "event_id, stream_id, stream_hash, stream_version, type, schema_version, data, tx_id, global_position";

// One range of stream_hash, stream by stream (streams_hash_idx), each stream in version order
// (events_stream_version_key). hs_append keeps a stream's log order its version order, so the
// events before the horizon are a prefix of each stream and the follow phase continues it. Versions
// are dense above archived_through, so each stream's read is a bounded version range: a batch never
// reads more of an unbounded stream than it folds.
const versionOrderSql = typedSql(
  "projections.replay-version-order",
  `
  SELECT e.event_id, e.stream_id, s.stream_hash, e.stream_version, e.type, e.schema_version, e.data, e.tx_id, e.global_position
    FROM streams s
   CROSS JOIN LATERAL (SELECT greatest(s.archived_through, CASE WHEN s.stream_hash = $3 AND s.stream_id = $4 THEN $5::integer ELSE 0 END) AS after) f
   CROSS JOIN LATERAL (
         SELECT event_id, stream_id, stream_version, type, schema_version, data, tx_id, global_position FROM events
          WHERE stream_id = s.stream_id AND stream_version > f.after AND stream_version <= f.after + $8 AND tx_id < $6::xid8) e
   WHERE s.stream_hash BETWEEN $1 AND $2
     AND (s.stream_hash, s.stream_id) >= ($3::integer, $4::text)
     AND s.category = ANY($7::text[])
   ORDER BY s.stream_hash, s.stream_id, e.stream_version
   LIMIT $8`,
  { json: { data: "JsonObject" } },
);

// Partitions of rebuilds started before 20261204007200_events_bytes, and rebuilds over a source
// (source_events_hash_log_idx): each stream in log order.
const streamOrderText = (from: LogTables["events"], fields: string) => `
  SELECT ${fields} FROM ${from}
   WHERE stream_hash BETWEEN $1 AND $2
     AND (stream_hash, tx_id, global_position) > ($3::integer, $4::xid8, $5::bigint)
     AND tx_id < $6::xid8 AND category = ANY($7::text[])
   ORDER BY stream_hash, tx_id, global_position
   LIMIT $8`;
const streamOrderSql = typedSql("projections.replay-stream-order", streamOrderText("events", EVENT_FIELDS), { json: { data: "JsonObject" } });

// The whole log in log order, for a projection whose key spans streams.
const logOrderText = (from: LogTables["events"], fields: string) => `
  SELECT ${fields} FROM ${from}
   WHERE (tx_id, global_position) > ($4::xid8, $5::bigint)
     AND tx_id < $6::xid8 AND category = ANY($7::text[])
     AND $1::integer IS NOT NULL AND $2::integer IS NOT NULL AND $3::integer IS NOT NULL
   ORDER BY tx_id, global_position
   LIMIT $8`;
const logOrderSql = typedSql("projections.replay-log-order", logOrderText("events", EVENT_FIELDS), { json: { data: "JsonObject" } });

// Over a source: the index's rows in the same two orders, payloads attached afterwards.
const SOURCE_REPLAY_SQL = {
  stream: streamOrderText("source_events", INDEX_EVENT_FIELDS),
  log: logOrderText("source_events", INDEX_EVENT_FIELDS),
};
type BatchRow = StoredEvent & { stream_hash: number; stream_version: number; tx_id: string; global_position: number };

/** One batch of the partition after its checkpoint, in the partition's ordering. */
async function readBatch(client: pg.PoolClient, p: PartitionRow, categories: string[], batchSize: number): Promise<{ rows: BatchRow[] }> {
  const range = [p.hash_from, p.hash_to, p.cp_hash] as const;
  if (logTables().external) {
    // startRebuild gives a source's partitions the stream ordering (its index has no dense versions to walk).
    if (p.ordering === "version") throw new Error("version-ordered partitions read Hindsight's own store only");
    return client.query<BatchRow>(SOURCE_REPLAY_SQL[p.ordering], [...range, p.cp_tx, p.cp_position, p.horizon_tx, categories, batchSize]);
  }
  if (p.ordering === "version") return runSql(client, versionOrderSql, [...range, p.cp_stream, p.cp_version, p.horizon_tx, categories, batchSize]);
  return runSql(client, p.ordering === "stream" ? streamOrderSql : logOrderSql, [...range, p.cp_tx, p.cp_position, p.horizon_tx, categories, batchSize]);
}

export type ReplayOutcome = "done" | "paused" | "stopped" | "failed";
export type ReplayResult = { outcome: ReplayOutcome; events: number; batches: number };

export type ReplayPartitionOptions = { versionId: number; partition: number; batchSize?: number; maxBatches?: number };

/**
 * Replays one partition of a rebuild from its checkpoint to the rebuild's horizon. Every batch
 * commits its rows and the fenced checkpoint in one short transaction: a crash resumes exactly
 * where the last commit stopped, and a second copy of the same job (pg-boss delivers at least
 * once) waits on the partition row, then continues from the first copy's checkpoint.
 */
export async function replayPartition(opts: ReplayPartitionOptions): Promise<ReplayResult> {
  // A batch over a large partition may outrun an ordinary session's statement timeout.
  const client = await getLongWorkPool().connect();
  const cache = new StateCache();
  const batchSize = opts.batchSize ?? DEFAULT_REPLAY_BATCH;
  const result: ReplayResult = { outcome: "stopped", events: 0, batches: 0 };
  try {
    for (;;) {
      if (opts.maxBatches !== undefined && result.batches >= opts.maxBatches) return result;
      const t0 = performance.now();
      await client.query("BEGIN");
      const p = await lockPartition(client, opts);
      if (!p || p.version_status !== "building" || ["done", "cancelled", "failed"].includes(p.status)) {
        await client.query("ROLLBACK");
        result.outcome = p?.status === "done" ? "done" : "stopped";
        return result;
      }
      if (p.paused) {
        await client.query("UPDATE projection_partitions SET status = 'paused', updated_at = clock_timestamp() WHERE version_id = $1 AND partition = $2", [opts.versionId, opts.partition]);
        await client.query("COMMIT");
        result.outcome = "paused";
        return result;
      }
      cache.checkpointSeen(checkpointKey(p));
      const def = requireProjection(p.name, p.code_version);
      const { rows } = await readBatch(client, p, def.categories, batchSize);
      // Over a source, the index gave the partition's events; their payloads come from the source.
      if (logTables().external) await attachSourcePayloads(rows);
      if (!rows.length) {
        await finishPartition(client, opts.versionId, opts.partition);
        await client.query("COMMIT");
        result.outcome = "done";
        return result;
      }
      const accepted = acceptedTypes(def);
      const keyed = keyEvents(def, rows, accepted);
      const states = await cache.load(client, opts.versionId, keysOf(keyed));
      let touched: Set<string>;
      try {
        touched = foldEvents(def, keyed, states);
      } catch (e) {
        await client.query("ROLLBACK");
        cache.clear();
        if (e instanceof PoisonEventError) {
          await failPartition(client, opts, e);
          result.outcome = "failed";
          return result;
        }
        throw e;
      }
      await writeStates(client, opts.versionId, touched, states);
      const last = rows[rows.length - 1];
      const next = {
        cp_hash: p.ordering === "log" ? p.cp_hash : last.stream_hash,
        cp_tx: last.tx_id,
        cp_position: last.global_position,
        cp_stream: last.stream_id,
        cp_version: last.stream_version,
      };
      // Fenced on the whole checkpoint as read: a second copy of this job that moved it wins.
      const moved = await client.query(
        `UPDATE projection_partitions
            SET cp_hash = $3, cp_tx = $4::xid8, cp_position = $5, cp_stream = $6, cp_version = $7, done = done + $8, status = 'running',
                started_at = coalesce(started_at, clock_timestamp()), active_seconds = active_seconds + $9,
                updated_at = clock_timestamp()
          WHERE version_id = $1 AND partition = $2
            AND cp_hash = $10 AND cp_tx = $11::xid8 AND cp_position = $12 AND cp_stream = $13 AND cp_version = $14`,
        [
          opts.versionId, opts.partition, next.cp_hash, next.cp_tx, next.cp_position, next.cp_stream, next.cp_version, rows.length, (performance.now() - t0) / 1000,
          p.cp_hash, p.cp_tx, p.cp_position, p.cp_stream, p.cp_version,
        ],
      );
      if (moved.rowCount !== 1) {
        await client.query("ROLLBACK");
        cache.clear();
        continue;
      }
      await client.query("COMMIT");
      cache.checkpointWritten(checkpointKey(next));
      result.events += rows.length;
      result.batches++;
    }
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

function checkpointKey(c: Pick<PartitionRow, "cp_hash" | "cp_tx" | "cp_position" | "cp_stream" | "cp_version">): string {
  return JSON.stringify([c.cp_hash, c.cp_tx, c.cp_position, c.cp_stream, c.cp_version]);
}

async function lockPartition(client: pg.PoolClient, opts: ReplayPartitionOptions): Promise<PartitionRow | undefined> {
  const { rows } = await client.query<PartitionRow>(
    `SELECT v.name, v.code_version, v.status AS version_status, v.paused, v.horizon_tx::text AS horizon_tx,
            p.status, p.hash_from, p.hash_to, p.ordering, p.cp_hash, p.cp_tx::text AS cp_tx, p.cp_position, p.cp_stream, p.cp_version
       FROM projection_partitions p JOIN projection_versions v ON v.id = p.version_id
      WHERE p.version_id = $1 AND p.partition = $2
        FOR UPDATE OF p`,
    [opts.versionId, opts.partition],
  );
  return rows[0];
}

/** Marks the partition done; the last one to finish hands the version to the follow loop (catching up). */
async function finishPartition(client: pg.PoolClient, versionId: number, partition: number): Promise<void> {
  await client.query(
    "UPDATE projection_partitions SET status = 'done', finished_at = clock_timestamp(), updated_at = clock_timestamp() WHERE version_id = $1 AND partition = $2",
    [versionId, partition],
  );
  // The version row serialises partitions finishing at the same moment: the second sees the first done.
  await client.query("SELECT 1 FROM projection_versions WHERE id = $1 FOR UPDATE", [versionId]);
  await client.query(
    `UPDATE projection_versions SET status = 'catching_up', replay_done_at = clock_timestamp()
      WHERE id = $1 AND status = 'building'
        AND NOT EXISTS (SELECT 1 FROM projection_partitions WHERE version_id = $1 AND status <> 'done')`,
    [versionId],
  );
}

/** A poison event during replay fails the partition and the rebuild (the live version is untouched). */
async function failPartition(client: pg.PoolClient, opts: ReplayPartitionOptions, e: PoisonEventError): Promise<void> {
  await client.query("BEGIN");
  await client.query(
    "UPDATE projection_partitions SET status = 'failed', error = $3, error_event_id = $4, updated_at = clock_timestamp() WHERE version_id = $1 AND partition = $2",
    [opts.versionId, opts.partition, e.message, e.eventId],
  );
  await client.query("UPDATE projection_versions SET status = 'failed', error = $2 WHERE id = $1 AND status = 'building'", [opts.versionId, `partition ${opts.partition}: ${e.message}`]);
  await client.query("COMMIT");
}
