import "server-only";
import { foldSourceRange } from "../source/fold-source-stream";
import { logTables, type LogTables } from "../source/log-tables";
import type pg from "pg";
import { getPool } from "../db";
import { schemaRegistry, type JsonObject, type SchemaRegistry } from "../schema/registry";
import { foldRange } from "../stream-state/fold-range";
import type { AnyReducer } from "../stream-state/reducer";
import { reducerFor } from "../stream-state/reducers/reducer-for";
import { snapshotKeyOf, type SnapshotKey } from "./upcaster-hash";

export type TakeSnapshotsOptions = {
  /** Only this category's streams (it needs a policy). */
  category?: string;
  /** Only these streams (they still need a policy for their category). */
  streamIds?: string[];
  /** Streams looked at in this call, in id order after `after` (default 200); `next` continues. */
  maxStreams?: number;
  after?: string;
  registry?: SchemaRegistry;
  log?: (line: string) => void;
};

export type TakeSnapshotsResult = {
  streams: number;
  snapshots: number;
  /** Invalid snapshots (another reducer version or upcaster hash) removed once their replacements existed. */
  replaced: number;
  /** Streams another worker was snapshotting at the same time. */
  skipped: number;
  /** Where the next call continues, or null when every due stream was looked at. */
  next: string | null;
};

type Due = { stream_id: string; category: string; version: number; every: number };

// Due: past the policy since the last snapshot, or holding snapshots no read can use.
const dueSql = (streams: LogTables["streams"]) => `
  WITH p AS (SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[]) AS p(category, every, rv, hash))
  SELECT s.stream_id, s.category, s.version, p.every FROM ${streams} s JOIN p ON p.category = s.category
   WHERE ($5::text[] IS NULL OR s.stream_id = ANY($5::text[])) AND ($6::text IS NULL OR s.stream_id > $6)
     AND (s.version - coalesce(s.snapshot_version, 0) >= p.every
          OR EXISTS (SELECT 1 FROM snapshots sn WHERE sn.stream_id = s.stream_id AND (sn.reducer_version <> p.rv OR sn.upcaster_hash <> p.hash)))
   ORDER BY s.stream_id LIMIT $7`;

// One statement, so one short transaction: the snapshot and the stream's pointer to it.
const writeSql = (streams: LogTables["streams"]) => `
  WITH ins AS (
    INSERT INTO snapshots (stream_id, stream_version, reducer_version, upcaster_hash, state, size_bytes)
    VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT DO NOTHING RETURNING 1
  )
  UPDATE ${streams} SET snapshot_version = greatest(coalesce(snapshot_version, 0), $2) WHERE stream_id = $1`;

const pruneSql = (streams: LogTables["streams"]) => `
  WITH gone AS (DELETE FROM snapshots WHERE stream_id = $1 AND (reducer_version <> $2 OR upcaster_hash <> $3) RETURNING 1)
  UPDATE ${streams} SET snapshot_version = (SELECT max(stream_version) FROM snapshots WHERE stream_id = $1 AND reducer_version = $2 AND upcaster_hash = $3)
   WHERE stream_id = $1 AND EXISTS (SELECT 1 FROM gone)
  RETURNING (SELECT count(*) FROM gone)::int AS n`;

// Over a source, its index's streams; the snapshots themselves are always Hindsight's.
const SQL = {
  streams: { due: dueSql("streams"), write: writeSql("streams"), prune: pruneSql("streams") },
  source_streams: { due: dueSql("source_streams"), write: writeSql("source_streams"), prune: pruneSql("source_streams") },
};

/**
 * Takes the snapshots that policies call for: for each due stream, folds on from its latest valid
 * snapshot and stores the state at every multiple of the category's N, each in its own short
 * transaction, then drops the invalid ones. Idempotent and resumable: a crash leaves valid
 * snapshots behind and the next run continues from the latest; two runs at once skip each
 * other's streams (advisory lock). This is what the take-snapshots job runs, and tests and the
 * seed script call it directly.
 */
export async function takeSnapshots(opts: TakeSnapshotsOptions = {}): Promise<TakeSnapshotsResult> {
  const registry = opts.registry ?? schemaRegistry();
  const max = Math.max(1, opts.maxStreams ?? 200);
  const pool = getPool();
  const policies = await pool.query<{ category: string; every_n_events: number }>(
    "SELECT category, every_n_events FROM snapshot_policies WHERE $1::text IS NULL OR category = $1",
    [opts.category ?? null],
  );
  const keys = new Map(policies.rows.map((p) => [p.category, snapshotKeyOf(reducerFor(p.category), registry)]));
  const { rows: due } = await pool.query<Due>(SQL[logTables().streams].due, [
    policies.rows.map((p) => p.category),
    policies.rows.map((p) => p.every_n_events),
    policies.rows.map((p) => keys.get(p.category)!.reducerVersion),
    policies.rows.map((p) => keys.get(p.category)!.upcasterHash),
    opts.streamIds ?? null,
    opts.after ?? null,
    max + 1,
  ]);
  const result: TakeSnapshotsResult = { streams: 0, snapshots: 0, replaced: 0, skipped: 0, next: due.length > max ? due[max - 1].stream_id : null };
  const client = await pool.connect();
  try {
    for (const stream of due.slice(0, max)) {
      const done = await snapshotStream(client, stream, reducerFor(stream.category), keys.get(stream.category)!, registry);
      if (!done) {
        result.skipped++;
        continue;
      }
      result.streams++;
      result.snapshots += done.written;
      result.replaced += done.replaced;
      if (done.written || done.replaced) opts.log?.(`${stream.stream_id}: ${done.written} snapshot(s) taken, ${done.replaced} invalid one(s) replaced`);
    }
  } finally {
    client.release();
  }
  return result;
}

async function snapshotStream(db: pg.PoolClient, stream: Due, reducer: AnyReducer, key: SnapshotKey, registry: SchemaRegistry) {
  const lockKey = `hindsight.snapshot:${stream.stream_id}`;
  const { rows: lock } = await db.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [lockKey]);
  if (!lock[0].ok) return null;
  try {
    const latest = await db.query<{ stream_version: number; state: JsonObject }>(
      `SELECT stream_version, state FROM snapshots WHERE stream_id = $1 AND reducer_version = $2 AND upcaster_hash = $3
        ORDER BY stream_version DESC LIMIT 1`,
      [stream.stream_id, key.reducerVersion, key.upcasterHash],
    );
    let state = latest.rows[0]?.state ?? reducer.initialState();
    let version = latest.rows[0]?.stream_version ?? 0;
    let written = 0;
    for (let target = (Math.floor(version / stream.every) + 1) * stream.every; target <= stream.version; target += stream.every) {
      const range = { streamId: stream.stream_id, reducer, registry, state, after: version, to: target };
      state = (logTables().external ? await foldSourceRange(range) : await foldRange(db, range)).state;
      version = target;
      const json = JSON.stringify(state);
      await db.query(SQL[logTables().streams].write, [stream.stream_id, target, key.reducerVersion, key.upcasterHash, json, Buffer.byteLength(json)]);
      written++;
    }
    // Only now that the valid snapshots exist do the invalid ones go: reads never lose their start.
    const pruned = await db.query<{ n: number }>(SQL[logTables().streams].prune, [stream.stream_id, key.reducerVersion, key.upcasterHash]);
    return { written, replaced: pruned.rows[0]?.n ?? 0 };
  } finally {
    await db.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockKey]);
  }
}
