import { randomBytes } from "node:crypto";

/** One event as both stores take it: Hindsight's fields, of which the peer keeps type and data. */
export type BenchEvent = {
  type: string;
  data: Record<string, unknown>;
  eventId?: string;
  correlationId?: string;
  causationId?: string;
};

/**
 * The shapes the bench writes. `tick` is the main workload (registered, no PII, no causation);
 * the others exist to price one Hindsight feature each against an otherwise identical event.
 */
export type EventKind =
  | "tick" // PriceTicked: registered, validated by zod
  | "tick-unregistered" // the same payload under a type the registry does not know: no validation
  | "tick-causal" // tick + client event ids + correlation id + causation chain: both causation guards run
  | "tick-ids" // tick + client event ids only: the causal variant with the guards off
  | "user-pii" // UserRegistered: validated, email and name sealed under the subject's key
  | "user-plain"; // the same payload under an unregistered type: nothing sealed

export const TICK_CATEGORY = "ticker";

/** Stream ids `ticker-S0000`…: the same names in both stores. */
export function streamNames(count: number, category = TICK_CATEGORY, prefix = "S"): string[] {
  return Array.from({ length: count }, (_, i) => `${category}-${prefix}${String(i).padStart(4, "0")}`);
}

/** A time-ordered UUID (v7), the same layout lib/ids.ts uses, so index locality matches generated ids. */
export function uuidv7(): string {
  const b = randomBytes(16);
  b.writeUIntBE(Date.now(), 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function tickData(streamId: string): Record<string, unknown> {
  const bid = Math.round((50 + Math.random() * 450) * 100) / 100;
  return { symbol: streamId.slice(streamId.indexOf("-") + 1), bid, ask: Math.round((bid + 0.01 + Math.random() * 0.05) * 100) / 100, volume: Math.floor(Math.random() * 10_000) };
}

let userSeq = 0;
/** How many distinct data subjects the PII workload cycles through (keys get cached after first use). */
export const PII_SUBJECTS = 2000;

function userData(): Record<string, unknown> {
  const n = userSeq++ % PII_SUBJECTS;
  const id = `u${String(n).padStart(5, "0")}`;
  return { userId: id, email: `${id}@example.com`, name: `User Number ${n}`, country: "DE" };
}

/**
 * Makes `n` events of a kind for one stream. For the causal kind each call is one command's
 * fan-out: its first event is caused by the writer's first-ever event (already stored: the
 * guard's lookup path) and the rest by that first event (resolved within the batch), so depth
 * stays at 1–2 instead of growing past the limit as a chain would.
 */
export function makeEvents(kind: EventKind, streamId: string, n: number, state: { rootEventId?: string } = {}): BenchEvent[] {
  const events: BenchEvent[] = [];
  const correlationId = kind === "tick-causal" ? uuidv7() : undefined;
  for (let i = 0; i < n; i++) {
    switch (kind) {
      case "tick":
        events.push({ type: "PriceTicked", data: tickData(streamId) });
        break;
      case "tick-unregistered":
        events.push({ type: "PriceTickedUnregistered", data: tickData(streamId) });
        break;
      case "tick-ids":
        events.push({ type: "PriceTicked", data: tickData(streamId), eventId: uuidv7() });
        break;
      case "tick-causal": {
        const e: BenchEvent = { type: "PriceTicked", data: tickData(streamId), eventId: uuidv7(), correlationId };
        if (i > 0) e.causationId = events[0].eventId;
        else if (state.rootEventId) e.causationId = state.rootEventId;
        else state.rootEventId = e.eventId;
        events.push(e);
        break;
      }
      case "user-pii":
        events.push({ type: "UserRegistered", data: userData() });
        break;
      case "user-plain":
        events.push({ type: "UserRegisteredUnregistered", data: userData() });
        break;
    }
  }
  return events;
}
