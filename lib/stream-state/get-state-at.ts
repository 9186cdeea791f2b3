import "server-only";
import type { PiiMode } from "../schema/pii";
import type { JsonObject } from "../schema/registry";
import { foldSourceStream } from "../source/fold-source-stream";
import { logTables } from "../source/log-tables";
import { foldStream, type FoldedState, type FoldStreamOptions } from "./fold-stream";
import { renderForCaller } from "./render-state";
import { reducerFor } from "./reducers/reducer-for";

export type GetStateAtOptions = FoldStreamOptions & {
  /** How the caller sees PII: "clear" only with pii.read. */
  pii: PiiMode;
};

/** A stream's state as of a point, rendered for the caller. `fromSnapshotVersion` non-null: a snapshot was used. */
export type StreamStateAt = FoldedState;

/**
 * The state of a stream as of a version or a time (time travel): folded from the nearest valid
 * snapshot, then PII rendered for the caller — only here, at the very end, so nothing upstream
 * ever holds plaintext. 404 stream_not_found; 422 for a version past the stream's end.
 */
export async function getStateAt(opts: GetStateAtOptions): Promise<StreamStateAt> {
  // Over a source the events come from it (lib/source/fold-source-stream.ts); the reducers are the same.
  const folded = logTables().external ? await foldSourceStream(opts) : await foldStream(opts);
  const [state] = await renderForCaller([folded.state], opts.pii, stateKeyOrder(folded.category));
  return { ...folded, state: state as JsonObject };
}

/** The order a category's state fields print in: the reducer's own. */
export function stateKeyOrder(category: string): string[] {
  return Object.keys(reducerFor(category).initialState());
}

/** The fields of a state that the public API returns (DESIGN.md: /state). */
export function stateResponse(s: StreamStateAt) {
  return { streamId: s.streamId, version: s.version, at: s.at, state: s.state, fromSnapshotVersion: s.fromSnapshotVersion, eventsFolded: s.eventsFolded };
}
