import type { StateChange } from "../stream-state/diff-states";
import type { EventView } from "../store/event-view";
import type { EventRef, EventWithLinks } from "../store/get-event";

// The JSON the time-travel routes answer with, as the browser receives it (DESIGN.md: /state, /diff).

/** GET /api/v1/streams/{id}/events */
export type EventsPage = { streamId: string; version: number; events: EventView[]; next: number | null };

/** One point of a stream's history as /state and /diff return it. */
export type StatePointView = {
  version: number;
  at: string | null;
  state: Record<string, unknown>;
  fromSnapshotVersion: number | null;
  eventsFolded: number;
};

/** GET /api/v1/streams/{id}/state */
export type StateAtResponse = StatePointView & { streamId: string };

/** GET /api/v1/streams/{id}/diff */
export type DiffResponse = {
  streamId: string;
  from: StatePointView;
  to: StatePointView;
  changes: StateChange[];
  events: EventView[];
  eventCount: number;
  next: number | null;
};

export type { EventRef, EventView, EventWithLinks, StateChange };
