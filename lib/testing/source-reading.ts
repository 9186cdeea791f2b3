import { findTypeCycles, typeEdgesOf, type TypeCycle } from "../causation/cycles";
import type { JsonObject } from "../schema/registry";
import type { EventSource, SourceCursor, SourceEvent } from "../source/contract";
import { reducerFor } from "../stream-state/reducers/reducer-for";

/** Reads a source's log page by page until it is caught up; returns everything read and where to go on from. */
export async function drainLog(source: EventSource, after: SourceCursor | null, limit = 50): Promise<{ events: SourceEvent[]; cursor: SourceCursor }> {
  const events: SourceEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await source.readLog(cursor, { limit });
    events.push(...page.events);
    cursor = page.cursor;
    if (page.caughtUp) return { events, cursor };
  }
}

/** A stream's state as of a version, folded from the source's events with the category's reducer (the domain's, or the generic fold). */
export async function stateAt(source: EventSource, streamId: string, version: number): Promise<{ category: string; state: JsonObject; folded: number }> {
  const events = await source.readStream(streamId, { toVersion: version });
  const category = events[0]?.category ?? "";
  const reducer = reducerFor(category);
  let state = reducer.initialState();
  for (const e of events) state = reducer.evolve(state, { type: e.type, schemaVersion: 1, data: e.data, streamVersion: e.streamVersion, recordedAt: e.recordedAt });
  return { category, state, folded: events.length };
}

/** Follows an event's causes back through the source (getEvents by causationId) until one has no cause or a cause repeats. */
export async function causeChain(source: EventSource, from: SourceEvent, max = 100): Promise<SourceEvent[]> {
  const chain = [from];
  const seen = new Set([from.eventId]);
  while (chain.length < max) {
    const id = chain[chain.length - 1].causationId;
    if (!id || seen.has(id)) break;
    const [cause] = await source.getEvents([id]);
    if (!cause) break;
    chain.push(cause);
    seen.add(cause.eventId);
  }
  return chain;
}

/** The type-level cycles among a correlation's events, each edge from a cause's type to its effect's. */
export async function correlationCycles(source: EventSource, events: SourceEvent[]): Promise<TypeCycle[]> {
  const causeIds = [...new Set(events.flatMap((e) => (e.causationId ? [e.causationId] : [])))];
  const causes = new Map((await source.getEvents(causeIds)).map((e) => [e.eventId, e]));
  const pairs = events.flatMap((e) => {
    const cause = e.causationId ? causes.get(e.causationId) : undefined;
    return cause ? [{ from: cause.type, to: e.type }] : [];
  });
  return findTypeCycles(typeEdgesOf(pairs));
}
