import "server-only";
import { getPool } from "../db";
import { AppError } from "../errors";
import type { PiiMode } from "../schema/pii";
import { schemaRegistry, type JsonObject } from "../schema/registry";
import { snapshotKeyOf } from "../snapshots/upcaster-hash";
import type { FoldRangeOptions, FoldRangeResult } from "../stream-state/fold-range";
import type { FoldedState, FoldStreamOptions } from "../stream-state/fold-stream";
import { reducerFor } from "../stream-state/reducers/reducer-for";
import { getSource } from "./open-source";
import { sourceEventViews } from "./source-views";

const PAGE = 2000;

/**
 * Time travel over a source: the point is placed with the index (versions and times), the events
 * come from the source and fold with the domain's reducer for the category (or the generic fold).
 * A source holds PII in clear, so a caller without pii.read folds the events masked by the
 * domain's declared paths and never starts from a snapshot (snapshots hold the clear fold).
 */
export async function foldSourceStream(opts: FoldStreamOptions & { pii: PiiMode }): Promise<FoldedState> {
  const pool = getPool();
  const { rows } = await pool.query<{ category: string; version: number }>("SELECT category, version FROM source_streams WHERE stream_id = $1 AND version > 0", [opts.streamId]);
  const stream = rows[0];
  if (!stream) throw new AppError("stream_not_found", `stream ${opts.streamId} does not exist`, { streamId: opts.streamId });
  let version = stream.version;
  if (opts.target && "version" in opts.target) {
    if (opts.target.version > stream.version) {
      throw new AppError("validation_failed", `stream ${opts.streamId} is at version ${stream.version}; version ${opts.target.version} does not exist`, { field: "version", streamVersion: stream.version });
    }
    version = opts.target.version;
  } else if (opts.target) {
    const at = await pool.query<{ v: number }>("SELECT coalesce(max(stream_version), 0)::int AS v FROM source_events WHERE stream_id = $1 AND recorded_at <= $2", [opts.streamId, opts.target.at]);
    version = at.rows[0].v;
  }
  const registry = opts.registry ?? schemaRegistry();
  const reducer = reducerFor(stream.category);
  const key = snapshotKeyOf(reducer, registry);
  let state = reducer.initialState();
  let from = 0;
  let lastAt: string | null = null;
  if (opts.useSnapshots !== false && opts.pii === "clear" && version > 0) {
    const snap = await pool.query<{ stream_version: number; state: JsonObject; recorded_at: string | null }>(
      `SELECT s.stream_version, s.state, e.recorded_at FROM snapshots s
         LEFT JOIN source_events e ON e.stream_id = s.stream_id AND e.stream_version = s.stream_version
        WHERE s.stream_id = $1 AND s.stream_version <= $2 AND s.reducer_version = $3 AND s.upcaster_hash = $4
        ORDER BY s.stream_version DESC LIMIT 1`,
      [opts.streamId, version, key.reducerVersion, key.upcasterHash],
    );
    if (snap.rows[0]) ({ state, stream_version: from, recorded_at: lastAt } = snap.rows[0]);
  }
  const folded = await foldSourceRange({ streamId: opts.streamId, reducer, registry, state, after: from, to: version }, opts.pii);
  state = folded.state;
  lastAt = folded.lastRecordedAt ?? lastAt;
  return {
    streamId: opts.streamId,
    category: stream.category,
    version,
    at: lastAt,
    state,
    fromSnapshotVersion: from > 0 ? from : null,
    eventsFolded: version - from,
    reducer: { category: reducer.category, version: key.reducerVersion, upcasterHash: key.upcasterHash },
    upcasts: [],
  };
}

/**
 * foldRange over a source: versions (after, to] read from the source a page at a time and folded
 * onto `state` (the snapshot job folds in clear; time travel for a caller without pii.read masked).
 */
export async function foldSourceRange(opts: FoldRangeOptions, pii: PiiMode = "clear"): Promise<FoldRangeResult> {
  let { state } = opts;
  let at = opts.after;
  let lastRecordedAt: string | null = null;
  while (at < opts.to) {
    const page = await getSource().readStream(opts.streamId, { fromVersion: at + 1, toVersion: Math.min(opts.to, at + PAGE), limit: PAGE });
    for (const e of sourceEventViews(page, { pii })) {
      // A missing version would fold a wrong state: refuse instead.
      if (e.streamVersion !== at + 1) throw new Error(`stream ${opts.streamId} has no event at version ${at + 1} in the source: its state cannot be folded past it`);
      state = opts.reducer.evolve(state, { type: e.type, schemaVersion: e.schemaVersion, data: e.data, streamVersion: e.streamVersion, recordedAt: e.recordedAt });
      at = e.streamVersion;
      lastRecordedAt = e.recordedAt;
    }
    if (page.length === 0) throw new Error(`stream ${opts.streamId} ends at version ${at} in the source, before version ${opts.to}`);
  }
  return { state, folded: at - opts.after, lastRecordedAt };
}
