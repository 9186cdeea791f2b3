import type { JsonObject } from "../schema/registry";
import type { Reducer } from "./reducer";

/** What any stream folds to when its category has no reducer of its own. */
export type GenericState = { eventCount: number; lastEventType: string | null; data: JsonObject };

/**
 * The fallback for categories without a reducer, so every stream has a state: each event's data
 * merged over the previous (top-level fields; an event's field replaces the earlier value) and a
 * count. It reads every type, so any upcaster change invalidates its snapshots.
 */
export const genericReducer: Reducer<GenericState> = {
  category: "*",
  version: 1,
  reads: "*",
  initialState: () => ({ eventCount: 0, lastEventType: null, data: {} }),
  evolve: (state, event) => ({
    eventCount: state.eventCount + 1,
    lastEventType: event.type,
    data: { ...state.data, ...event.data },
  }),
};
