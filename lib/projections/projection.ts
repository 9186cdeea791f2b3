import type { JsonObject } from "../schema/registry";

/** An event as a projection's `evolve` sees it: upcast (unless the projection reads stored versions), PII still sealed. */
export type ProjectionEvent = {
  eventId: string;
  streamId: string;
  type: string;
  /** The schema version as delivered: the latest after upcasting, or the stored one. */
  schemaVersion: number;
  data: JsonObject;
};

/** The (type, schema versions) a projection's evolve was written for, as delivered to it. */
export type AcceptedType = { type: string; versions: number[] };

/**
 * A projection in code (emmett's `initialState` / `evolve`, keyed): its rows are states by key,
 * stored per version so a new version can be built beside the live one and compared with it.
 */
export type ProjectionDef<S extends JsonObject = JsonObject> = {
  name: string;
  version: number;
  title: string;
  /** What this version changed, shown in the rebuild wizard. */
  changes: string;
  /** The stream categories it reads. */
  categories: string[];
  /** Types it reads, with the versions its evolve handles; events of other types are passed over. */
  accepts: AcceptedType[];
  /**
   * true: events are upcast to their latest schema version before evolve sees them (the default);
   * false: evolve sees them as stored, so every stored version must be accepted as it is.
   */
  upcast: boolean;
  /** The row key of an event, or null to pass it over. */
  key(event: ProjectionEvent): string | null;
  /** true when the key depends on the stream id alone: streams can then be replayed in parallel partitions. */
  keyFromStreamIdOnly: boolean;
  /**
   * Plain columns the view hindsight_read.<name> adds beside key and state, read out of the
   * state's top-level fields. Only for fields that are not PII: PII stays sealed inside `state`.
   */
  readColumns?: ReadColumn[];
  /**
   * A recovery drill on a schedule: `cron` (five fields, UTC) names the minutes a drill of the live
   * version starts; one slower than `rtoSeconds` (the recovery-time objective) raises a drill_objective alert.
   */
  drill?: { cron: string; rtoSeconds: number; partitions?: number };
  initialState(key: string): S;
  // Method syntax on purpose: a ProjectionDef<AccountState> stands where a ProjectionDef<JsonObject> is held.
  evolve(state: S, event: ProjectionEvent): S;
};

export type AnyProjectionDef = ProjectionDef<JsonObject>;

/** A column of a projection's read view: a top-level state field, cast to a PostgreSQL type. */
export type ReadColumn = { name: string; type: "text" | "numeric" | "bigint" | "boolean" | "timestamptz" | "jsonb" };

/** Keeps a projection's state type while listing it beside projections of other types. */
export function defineProjection<S extends JsonObject>(def: ProjectionDef<S>): AnyProjectionDef {
  return def as unknown as AnyProjectionDef;
}
