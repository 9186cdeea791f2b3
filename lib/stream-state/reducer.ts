import type { JsonObject } from "../schema/registry";

/** An event as a reducer sees it: upcast to the latest schema, PII fields still sealed in envelopes. */
export type FoldEvent = {
  type: string;
  /** The schema version after upcasting. */
  schemaVersion: number;
  data: JsonObject;
  streamVersion: number;
  recordedAt: string;
};

/**
 * How one category's streams fold into a state (emmett's `initialState` / `evolve`). States are
 * plain JSON (no `undefined`, no class instances): they are stored as snapshots and must read
 * back exactly as they were written. PII values are copied as the envelopes they arrive in, so a
 * state is safe to store; they are rendered for a caller only when a response is made.
 */
export type Reducer<S extends JsonObject = JsonObject> = {
  /** The stream category this reducer folds; "*" for the generic fallback. */
  category: string;
  /** Bump when `evolve` or `initialState` changes meaning: snapshots of older versions stop being read. */
  version: number;
  /** Event types whose upcasters shape this state (part of the snapshot key); "*" means every registered type. */
  reads: readonly string[] | "*";
  initialState(): S;
  // Method syntax on purpose: it lets a Reducer<OrderState> stand where a Reducer<JsonObject> is held.
  evolve(state: S, event: FoldEvent): S;
};

/** A reducer of any state, as the fold and the snapshot job hold them. */
export type AnyReducer = Reducer<JsonObject>;

/** Money kept to the cent, so repeated additions do not drift (and never as -0, which JSON cannot keep). */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100 || 0;
}

/** A string field of event data, or null when it is absent or not a string. */
export function text(data: JsonObject, key: string): string | null {
  const v = data[key];
  return typeof v === "string" ? v : null;
}

/** A finite number field of event data, or null. */
export function num(data: JsonObject, key: string): number | null {
  const v = data[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
