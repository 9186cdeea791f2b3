import "server-only";
import { foldSourceStream } from "../source/fold-source-stream";
import { logTables } from "../source/log-tables";
import { getSource } from "../source/open-source";
import { sourceEventViews } from "../source/source-views";
import { AppError } from "../errors";
import type { PiiMode } from "../schema/pii";
import type { JsonObject } from "../schema/registry";
import { toEventViews, type EventView } from "../store/event-view";
import { readStreamRange } from "../store/read-stream-range";
import { diffStates, jsonEqual, type StateChange } from "./diff-states";
import { foldStream, type FoldedState, type FoldStreamOptions } from "./fold-stream";
import { stateKeyOrder, stateResponse, type StreamStateAt } from "./get-state-at";
import { renderForCaller } from "./render-state";
import { describePoint, type StatePoint } from "./state-point";

export type GetStreamDiffOptions = Omit<FoldStreamOptions, "target"> & {
  from: StatePoint;
  /** The latest version when absent. */
  to?: StatePoint;
  pii: PiiMode;
  /** Events in between to return (1–1000, default 100); `next` says where the rest continue. */
  eventLimit?: number;
};

export type StreamDiff = {
  streamId: string;
  from: StreamStateAt;
  to: StreamStateAt;
  changes: StateChange[];
  /** The events after `from` up to and including `to`, upcast (each lists its upcaster steps), PII rendered. */
  events: EventView[];
  /** All events between the two points (to.version - from.version), returned or not. */
  eventCount: number;
  /** The version the remaining events start at (read them from /events?fromVersion=), or null. */
  next: number | null;
};

/**
 * The state at two points of a stream, the field-level changes between them and the events that
 * made them. States are compared sealed (a PII field re-written counts as a change even to a caller
 * who sees it masked) and rendered for the caller afterwards; for a caller who sees PII in clear,
 * a re-write to the same value is not shown. 422 when `from` is after `to`.
 */
export async function getStreamDiff(opts: GetStreamDiffOptions): Promise<StreamDiff> {
  const limit = Math.min(Math.max(opts.eventLimit ?? 100, 1), 1000);
  const base = { streamId: opts.streamId, useSnapshots: opts.useSnapshots, registry: opts.registry };
  // Over a source, both folds and the events between come from it (lib/source/), PII masked by the domain's declared paths.
  const external = logTables().external;
  const fold = (target: StatePoint | undefined) => (external ? foldSourceStream({ ...base, target, pii: opts.pii }) : foldStream({ ...base, target }));
  const [a, b] = await Promise.all([fold(opts.from), fold(opts.to)]);
  if (a.version > b.version) {
    throw new AppError("validation_failed", `from (${describePoint(opts.from)}, version ${a.version}) is after to (version ${b.version})`, { field: "from" });
  }
  const sealed = diffStates(a.state, b.state);
  if (external) return sourceDiff(opts, a, b, sealed, limit);
  // Versions up to archived_through live in the archive (issue #9): the events in between come from both tiers.
  const { rows } = await readStreamRange({ streamId: opts.streamId, after: a.version, through: b.version, count: limit + 1, includeArchived: true });
  const order = stateKeyOrder(a.category);
  const [events, [fromState, toState, values]] = await Promise.all([
    toEventViews(rows.slice(0, limit), { pii: opts.pii }),
    renderForCaller([a.state, b.state, sealed.map(valuesOf)], opts.pii, order),
  ]);
  const changes = sealed
    .map((c, i) => ({ ...c, ...(values as JsonObject[])[i] }))
    .filter((c) => opts.pii !== "clear" || c.kind !== "changed" || !jsonEqual(c.before, c.after));
  return {
    streamId: opts.streamId,
    from: { ...a, state: fromState as JsonObject },
    to: { ...b, state: toState as JsonObject },
    changes,
    events,
    eventCount: b.version - a.version,
    next: rows.length > limit ? rows[limit].stream_version : null,
  };
}

/** A change's before/after, only those it has (an added field has no before). */
function valuesOf(c: StateChange): JsonObject {
  return { ...("before" in c ? { before: c.before } : {}), ...("after" in c ? { after: c.after } : {}) };
}

/** The fields of a diff that the public API returns (each point as /state returns it, without the stream id). */
export function diffResponse(d: StreamDiff) {
  const point = (s: StreamStateAt) => {
    const { version, at, state, fromSnapshotVersion, eventsFolded } = stateResponse(s);
    return { version, at, state, fromSnapshotVersion, eventsFolded };
  };
  return { streamId: d.streamId, from: point(d.from), to: point(d.to), changes: d.changes, events: d.events, eventCount: d.eventCount, next: d.next };
}

/** The diff over a source: the states were folded from it, the events between are read from it. */
async function sourceDiff(opts: GetStreamDiffOptions, a: FoldedState, b: FoldedState, sealed: StateChange[], limit: number): Promise<StreamDiff> {
  const between = await getSource().readStream(opts.streamId, { fromVersion: a.version + 1, toVersion: b.version, limit: limit + 1 });
  const order = stateKeyOrder(a.category);
  const [fromState, toState, values] = await renderForCaller([a.state, b.state, sealed.map(valuesOf)], opts.pii, order);
  return {
    streamId: opts.streamId,
    from: { ...a, state: fromState as JsonObject },
    to: { ...b, state: toState as JsonObject },
    changes: sealed.map((c, i) => ({ ...c, ...(values as JsonObject[])[i] })).filter((c) => c.kind !== "changed" || !jsonEqual(c.before, c.after)),
    events: sourceEventViews(between.slice(0, limit), { pii: opts.pii }),
    eventCount: b.version - a.version,
    next: between.length > limit ? between[limit].streamVersion : null,
  };
}
