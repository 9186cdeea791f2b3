import "server-only";
import { readArchivedRows } from "../archive/read-archived";
import { getPool } from "../db";
import { schemaRegistry, type JsonObject, type SchemaRegistry } from "../schema/registry";
import { snapshotKeyOf } from "../snapshots/upcaster-hash";
import { foldRange, type UpcastCount } from "./fold-range";
import { reducerFor } from "./reducers/reducer-for";
import { resolvePoint } from "./resolve-point";
import type { StatePoint } from "./state-point";

export type FoldStreamOptions = {
  streamId: string;
  /** Where in the history; the latest version when absent. */
  target?: StatePoint;
  /** Start from the nearest valid snapshot (default); false folds from the first event (tests, the bench). */
  useSnapshots?: boolean;
  /** The schema registry to upcast with (tests swap upcasters); the loaded domain's by default. */
  registry?: SchemaRegistry;
};

/** A stream's state at a point, PII still sealed: what snapshots hold and diffs compare. */
export type FoldedState = {
  streamId: string;
  category: string;
  version: number;
  /** When the event at `version` was recorded; null at version 0. */
  at: string | null;
  state: JsonObject;
  /** The snapshot the fold started from; null when it started from the first event. */
  fromSnapshotVersion: number | null;
  eventsFolded: number;
  reducer: { category: string; version: number; upcasterHash: string };
  /** Upcasters applied to the events folded here (not those inside the snapshot). */
  upcasts: UpcastCount[];
};

/**
 * Folds a stream up to a point: from the nearest valid snapshot at or before it (same reducer
 * version and upcaster hash; any other is ignored), then the upcast events after that snapshot.
 */
export async function foldStream(opts: FoldStreamOptions): Promise<FoldedState> {
  const registry = opts.registry ?? schemaRegistry();
  const pool = getPool();
  const { category, version } = await resolvePoint(opts.streamId, opts.target);
  const reducer = reducerFor(category);
  const key = snapshotKeyOf(reducer, registry);

  let state = reducer.initialState();
  let from = 0;
  let snapshotAt: string | null = null;
  if (opts.useSnapshots !== false && version > 0) {
    const { rows } = await pool.query<{ stream_version: number; state: JsonObject; recorded_at: string | null }>(
      `SELECT s.stream_version, s.state, e.recorded_at FROM snapshots s
         LEFT JOIN events e ON e.stream_id = s.stream_id AND e.stream_version = s.stream_version
        WHERE s.stream_id = $1 AND s.stream_version <= $2 AND s.reducer_version = $3 AND s.upcaster_hash = $4
        ORDER BY s.stream_version DESC LIMIT 1`,
      [opts.streamId, version, key.reducerVersion, key.upcasterHash],
    );
    if (rows[0]) {
      state = rows[0].state;
      from = rows[0].stream_version;
      snapshotAt = rows[0].recorded_at;
    }
  }
  const upcasts = new Map<string, UpcastCount>();
  const folded = await foldRange(pool, { streamId: opts.streamId, reducer, registry, state, after: from, to: version, upcasts });
  // The snapshot's own event may have been archived: its time comes from the archive then.
  if (from > 0 && snapshotAt === null && folded.folded === 0) {
    snapshotAt = (await readArchivedRows({ streamId: opts.streamId, fromVersion: from, toVersion: from }))[0]?.recorded_at ?? null;
  }
  return {
    streamId: opts.streamId,
    category,
    version,
    at: folded.lastRecordedAt ?? snapshotAt,
    state: folded.state,
    fromSnapshotVersion: from > 0 ? from : null,
    eventsFolded: folded.folded,
    reducer: { category: reducer.category, version: key.reducerVersion, upcasterHash: key.upcasterHash },
    upcasts: [...upcasts.values()],
  };
}
