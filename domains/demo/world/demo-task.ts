import type { AppendOptions, NewEvent } from "../../../lib/store/append-to-stream";
import { uuidFamily } from "./prng";
import { isoMicros, type Period, type Slot } from "./timeline";

export type DemoKind = "ticks" | "orders" | "users" | "loop";

/**
 * A unit of seeding work: appends that must run in order (one stream's batches, or a user's
 * streams whose events cause each other). Different tasks never depend on each other, so they
 * run concurrently; `appends` is lazy so the whole world never sits in memory at once.
 */
export type DemoTask = { key: string; kind: DemoKind; appends: () => Iterable<AppendOptions> };

/** What every generator needs to know about the world being planned. */
export type WorldContext = {
  seed: number;
  period: Period;
  slots: Slot[];
  /** OrderPlaced is written as v1 before this time (ms) and as v2 from it on. */
  cutover: number;
};

/** The ids one stream's history needs, the same for the same seed on every run. */
export type StreamIds = {
  event: (version: number) => string;
  /** Correlation ids, numbered by the stream (0 for its main one, else the version that starts it). */
  correlation: (n: number) => string;
  /** Ids of the commands (never stored) that caused the stream's events. */
  command: (n: number) => string;
};

// Offsets keep the three kinds apart inside one family (versions stay far below 2^29).
const CORRELATION = 0x4000_0000;
const COMMAND = 0x2000_0000;

export function streamIds(seed: number, streamId: string): StreamIds {
  const id = uuidFamily(seed, `stream/${streamId}`);
  return { event: id, correlation: (n) => id(CORRELATION + n), command: (n) => id(COMMAND + n) };
}

/** Collects one stream's history (events and strictly increasing times) and cuts it into appends. */
export class StreamHistory {
  private readonly events: NewEvent[] = [];
  private readonly times: number[] = [];
  readonly ids: StreamIds;

  constructor(seed: number, readonly streamId: string) {
    this.ids = streamIds(seed, streamId);
  }

  get version(): number {
    return this.events.length;
  }

  get lastAt(): number {
    return this.times[this.times.length - 1] ?? 0;
  }

  /** Adds an event at `atUs` (bumped past the previous one if needed) and returns its id. */
  add(atUs: number, event: Omit<NewEvent, "eventId">): string {
    const eventId = this.ids.event(this.events.length + 1);
    this.times.push(Math.max(Math.floor(atUs), this.lastAt + 1));
    this.events.push({ ...event, eventId });
    return eventId;
  }

  /** The history as appends of at most `max` events, each expecting the exact version before it. */
  toAppends(max = 1000): AppendOptions[] {
    const out: AppendOptions[] = [];
    for (let from = 0; from < this.events.length; from += max) {
      out.push({
        streamId: this.streamId,
        expectedVersion: from,
        events: this.events.slice(from, from + max),
        recordedAt: this.times.slice(from, from + max).map(isoMicros),
      });
    }
    return out;
  }
}
