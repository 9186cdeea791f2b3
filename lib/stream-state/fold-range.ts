import "server-only";
import type pg from "pg";
import type { EventRow } from "../store/event-view";
import { readStreamRange } from "../store/read-stream-range";
import type { JsonObject, SchemaRegistry, UpcastStep } from "../schema/registry";
import type { AnyReducer } from "./reducer";

/** How many upcasts of one kind a fold applied: the chain the UI shows for the folded events. */
export type UpcastCount = UpcastStep & { type: string; events: number };

export type FoldRangeOptions = {
  streamId: string;
  reducer: AnyReducer;
  registry: SchemaRegistry;
  /** The state after version `after` (the initial state when `after` is 0). */
  state: JsonObject;
  after: number;
  /** The last version to fold (inclusive). */
  to: number;
  /** Collects the upcasts applied, keyed by type and step. */
  upcasts?: Map<string, UpcastCount>;
};

export type FoldRangeResult = { state: JsonObject; folded: number; lastRecordedAt: string | null };

// Pages bound memory on streams of millions of events; each page is one short statement.
const PAGE = 2000;


/**
 * Folds versions (after, to] of a stream onto `state`: each stored event upcast to its latest
 * schema (envelopes untouched), then `evolve`. Refuses a gap rather than folding a wrong state.
 */
export async function foldRange(db: pg.Pool | pg.PoolClient, opts: FoldRangeOptions): Promise<FoldRangeResult> {
  let state = opts.state;
  let at = opts.after;
  let lastRecordedAt: string | null = null;
  const apply = (row: EventRow) => {
    const up = opts.registry.upcast(row.type, row.schema_version, row.data);
    if (opts.upcasts) for (const step of up.steps) count(opts.upcasts, row.type, step);
    state = opts.reducer.evolve(state, { type: row.type, schemaVersion: up.schemaVersion, data: up.data, streamVersion: row.stream_version, recordedAt: row.recorded_at });
    at = row.stream_version;
    lastRecordedAt = row.recorded_at;
  };
  while (at < opts.to) {
    const { rows } = await readStreamRange({ streamId: opts.streamId, after: at, through: opts.to, count: PAGE, includeArchived: true, db });
    if (rows.length === 0) throw new Error(`stream ${opts.streamId} ends at version ${at}, before version ${opts.to}`);
    for (const row of rows) {
      if (row.stream_version !== at + 1) {
        throw new Error(`stream ${opts.streamId} has no event at version ${at + 1}, hot or archived: its state cannot be folded past it`);
      }
      apply(row);
    }
  }
  return { state, folded: at - opts.after, lastRecordedAt };
}

function count(into: Map<string, UpcastCount>, type: string, step: UpcastStep): void {
  const key = `${type}\u0000${step.from}`;
  const known = into.get(key);
  if (known) known.events++;
  else into.set(key, { type, ...step, events: 1 });
}
