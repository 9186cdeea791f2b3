import { schemaRegistry, type JsonObject } from "../schema/registry";
import type { AnyProjectionDef, ProjectionEvent } from "./projection";

/** An event row as replay and follow read it. */
export type StoredEvent = {
  event_id: string;
  stream_id: string;
  type: string;
  schema_version: number;
  data: JsonObject;
};

/** An event evolve failed on: the projection parks (or the partition fails) with it. */
export class PoisonEventError extends Error {
  constructor(
    readonly eventId: string,
    readonly streamId: string,
    readonly type: string,
    readonly cause: unknown,
  ) {
    super(`${type} ${eventId} (${streamId}): ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "PoisonEventError";
  }
}

/** A batch's events the projection reads, delivered (upcast) once, with their keys. */
export type KeyedEvent = { key: string; event: ProjectionEvent };

/** Delivers the events of types the projection reads (and not skipped) and keys them; others are passed over. */
export function keyEvents(def: AnyProjectionDef, events: StoredEvent[], accepted: Set<string>, skip?: ReadonlySet<string>): KeyedEvent[] {
  const out: KeyedEvent[] = [];
  for (const stored of events) {
    if (!accepted.has(stored.type) || skip?.has(stored.event_id)) continue;
    const event = deliver(def, stored);
    const key = def.key(event);
    if (key !== null) out.push({ key, event });
  }
  return out;
}

/** Which states a batch needs. */
export function keysOf(keyed: KeyedEvent[]): Set<string> {
  return new Set(keyed.map((k) => k.key));
}

/** The event as the projection reads it: upcast to the latest version unless it reads stored versions. */
export function deliver(def: AnyProjectionDef, e: StoredEvent): ProjectionEvent {
  if (!def.upcast) return { eventId: e.event_id, streamId: e.stream_id, type: e.type, schemaVersion: e.schema_version, data: e.data };
  const up = schemaRegistry().upcast(e.type, e.schema_version, e.data);
  return { eventId: e.event_id, streamId: e.stream_id, type: e.type, schemaVersion: up.schemaVersion, data: up.data };
}

export function acceptedTypes(def: AnyProjectionDef): Set<string> {
  return new Set(def.accepts.map((a) => a.type));
}

/**
 * Folds keyed events into `states` (key → state, loaded by the caller for every key they touch)
 * and returns the keys it changed. Throws PoisonEventError naming the event evolve failed on.
 */
export function foldEvents(def: AnyProjectionDef, keyed: KeyedEvent[], states: Map<string, JsonObject>): Set<string> {
  const touched = new Set<string>();
  for (const { key, event } of keyed) {
    try {
      states.set(key, def.evolve(states.get(key) ?? def.initialState(key), event));
    } catch (e) {
      throw new PoisonEventError(event.eventId, event.streamId, event.type, e);
    }
    touched.add(key);
  }
  return touched;
}
