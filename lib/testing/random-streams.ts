import type { NewEvent } from "../store/append-to-stream";

/** A tiny seeded generator for property tests (xorshift32): the same seed, the same streams. */
export class Seeded {
  private s: number;

  constructor(readonly seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    this.s ^= this.s << 13;
    this.s ^= this.s >>> 17;
    this.s ^= this.s << 5;
    return (this.s >>> 0) / 4294967296;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Money with cents, in (0, max]. */
  amount(max: number): number {
    return this.int(1, max * 100) / 100;
  }
}

/** The categories the generator writes: the demo domain plus one no reducer knows. */
export const RANDOM_CATEGORIES = ["ticker", "order", "user", "profile", "account", "gizmo"] as const;
export type RandomCategory = (typeof RANDOM_CATEGORIES)[number];

/**
 * A random but valid history of `length` events for a stream of `category` whose id ends in
 * `id`: every type and schema version the registry knows for it (OrderPlaced v1 and v2, PII
 * fields present or not), plus unregistered types a reducer must ignore or merge.
 */
export function randomHistory(rng: Seeded, category: RandomCategory, id: string, length: number): NewEvent[] {
  return Array.from({ length }, (_, i) => randomEvent(rng, category, id, i));
}

function randomEvent(rng: Seeded, category: RandomCategory, id: string, i: number): NewEvent {
  const items = () => Array.from({ length: rng.int(1, 3) }, () => ({ sku: rng.pick(["A-1", "B-2", "C-3"]), quantity: rng.int(1, 4), unitPrice: rng.amount(50) }));
  switch (category) {
    case "ticker":
      return { type: "PriceTicked", data: { symbol: id, bid: rng.amount(100), ask: rng.amount(100), volume: rng.int(0, 500) } };
    case "order": {
      const placed = { orderId: id, customerId: `c${rng.int(1, 9)}`, items: items(), total: rng.amount(200) };
      if (i === 0 || rng.chance(0.1)) {
        return rng.chance(0.5)
          ? { type: "OrderPlaced", schemaVersion: 1, data: placed }
          : { type: "OrderPlaced", schemaVersion: 2, data: { ...placed, discountCode: rng.pick([null, "WINTER", "VIP"]) } };
      }
      return rng.pick<NewEvent>([
        { type: "OrderPaid", data: { orderId: id, amount: rng.amount(200), method: rng.pick(["card", "invoice", "wallet"]) } },
        { type: "OrderShipped", data: { orderId: id, carrier: rng.pick(["dhl", "ups"]), trackingNumber: `T${rng.int(1, 9999)}` } },
        { type: "OrderCancelled", data: { orderId: id, reason: rng.pick(["changed mind", ""]) } },
        { type: "OrderNoted", data: { orderId: id, note: `n${rng.int(1, 99)}` } },
      ]);
    }
    case "user":
      if (i === 0) return { type: "UserRegistered", data: { userId: id, email: `${id}@example.org`, name: `Person ${id}`, country: "DE" } };
      return rng.chance(0.5)
        ? { type: "UserUpdated", data: { userId: id, email: `${id}.${rng.int(1, 99)}@example.org`, source: "settings" } }
        : { type: "UserUpdated", data: { userId: id, name: `Person ${rng.int(1, 99)}` } };
    case "profile":
      return { type: "ProfileUpdated", data: rng.chance(0.5) ? { userId: id, displayName: `P ${rng.int(1, 99)}`, bio: `bio ${rng.int(1, 9)}` } : { userId: id, displayName: `P ${rng.int(1, 99)}` } };
    case "account":
      if (i === 0) return { type: "AccountOpened", data: { accountId: id, ownerId: `u${rng.int(1, 9)}`, currency: "EUR" } };
      return { type: rng.chance(0.6) ? "FundsDeposited" : "FundsWithdrawn", data: { accountId: id, amount: rng.amount(300) } };
    case "gizmo":
      return rng.chance(0.5)
        ? { type: "GizmoMade", data: { size: rng.int(1, 9), parts: Array.from({ length: rng.int(0, 3) }, () => rng.int(0, 9)) } }
        : { type: "GizmoTuned", data: { tune: { level: rng.int(0, 5) }, [`k${rng.int(1, 3)}`]: rng.chance(0.5) } };
  }
}

/** Cuts events into appends of 1–`max` events, in order. */
export function randomBatches<T>(rng: Seeded, events: T[], max: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < events.length; ) {
    const n = rng.int(1, max);
    out.push(events.slice(i, i + n));
    i += n;
  }
  return out;
}
