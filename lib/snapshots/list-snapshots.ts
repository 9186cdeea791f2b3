import "server-only";
import { getPool } from "../db";
import { schemaRegistry, type SchemaRegistry } from "../schema/registry";
import { categoryOf } from "../store/stream-id";
import { reducerFor } from "../stream-state/reducers/reducer-for";
import { snapshotKeyOf } from "./upcaster-hash";

export type SnapshotInfo = {
  streamVersion: number;
  reducerVersion: number;
  upcasterHash: string;
  /** Whether reads use it: taken by the current reducer version and upcaster chain. */
  valid: boolean;
  sizeBytes: number;
  createdAt: string;
};

export type ListSnapshotsOptions = { streamId: string; limit?: number; beforeVersion?: number; registry?: SchemaRegistry };

export type SnapshotList = {
  /** The category's policy (every N events), or null when it has none. */
  everyNEvents: number | null;
  snapshots: SnapshotInfo[];
  /** Pass as `beforeVersion` for the next (older) page; null at the end. */
  next: number | null;
};

/** One stream's snapshots, newest first, each marked valid or not for the code running now (the stream page's list). */
export async function listSnapshots(opts: ListSnapshotsOptions): Promise<SnapshotList> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const category = categoryOf(opts.streamId);
  const key = snapshotKeyOf(reducerFor(category), opts.registry ?? schemaRegistry());
  const pool = getPool();
  const [policy, page] = await Promise.all([
    pool.query<{ every_n_events: number }>("SELECT every_n_events FROM snapshot_policies WHERE category = $1", [category]),
    pool.query<SnapshotInfo>(
      `SELECT stream_version AS "streamVersion", reducer_version AS "reducerVersion", upcaster_hash AS "upcasterHash",
              size_bytes AS "sizeBytes", created_at AS "createdAt"
         FROM snapshots WHERE stream_id = $1 AND ($2::int IS NULL OR stream_version < $2)
        ORDER BY stream_version DESC, created_at DESC LIMIT $3`,
      [opts.streamId, opts.beforeVersion ?? null, limit + 1],
    ),
  ]);
  const rows = page.rows.slice(0, limit).map((s) => ({ ...s, valid: s.reducerVersion === key.reducerVersion && s.upcasterHash === key.upcasterHash }));
  return {
    everyNEvents: policy.rows[0]?.every_n_events ?? null,
    snapshots: rows,
    next: page.rows.length > limit ? rows[rows.length - 1].streamVersion : null,
  };
}
