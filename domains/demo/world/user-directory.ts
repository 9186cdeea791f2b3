import { COUNTRIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES } from "./demo-catalog";
import type { WorldContext } from "./demo-task";
import { Rng, seedFor } from "./prng";
import { allocate, DAY_MS, slotWeights, timesInSlot, type VolumeShape } from "./timeline";

export const SIGNUP_SHAPE: VolumeShape = {
  growth: [0.7, 1.3],
  diurnal: [0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.5, 0.8, 1, 1.1, 1.2, 1.3, 1.4, 1.4, 1.3, 1.3, 1.4, 1.5, 1.6, 1.5, 1.2, 0.9, 0.6, 0.35],
  weekend: 0.8,
  spike: 1,
};

/** Who exists in the world, planned up front so orders can name customers that had signed up. */
export type UserDirectory = {
  ids: string[];
  /** Sign-up time per user (µs), ascending: user n signed up n-th. */
  registeredAt: number[];
  /** The account number each user opens, or null. */
  accountOf: (number | null)[];
  /** The user whose profile sync runs away (its streams are written by the loop task). */
  loopIndex: number;
};

export type Person = { first: string; last: string; name: string; email: string; country: string };

export function userIdOf(n: number): string {
  return `u${String(n).padStart(5, "0")}`;
}

export function planUserDirectory(ctx: WorldContext, count: number, accountShare: number): UserDirectory {
  const rng = new Rng(seedFor(ctx.seed, "users/directory"));
  // The first day is the import from the previous system: a crowd of sign-ups at once.
  const weights = slotWeights(ctx.slots, SIGNUP_SHAPE, ctx.period).map((w, i) =>
    ctx.slots[i].start < ctx.period.start + DAY_MS ? w * 15 : w,
  );
  const perSlot = allocate(count, weights, rng);
  // Nobody signs up in the last quarter hour, so the onboarding events that follow stay in the past.
  const latest = (ctx.period.end - 15 * 60_000) * 1000;
  const registeredAt = ctx.slots.flatMap((slot, i) => timesInSlot(rng, slot, perSlot[i])).map((t) => Math.min(t, latest));
  const loopIndex = Math.min(6, count - 1);
  let accounts = 0;
  const accountOf = registeredAt.map((_, i) => (i !== loopIndex && rng.chance(accountShare) ? ++accounts : null));
  return { ids: registeredAt.map((_, i) => userIdOf(i + 1)), registeredAt, accountOf, loopIndex };
}

/** A customer who had signed up by `atUs` (the earliest users if nobody had yet). */
export function customerAt(dir: UserDirectory, rng: Rng, atUs: number): string {
  let lo = 0;
  let hi = dir.registeredAt.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dir.registeredAt[mid] <= atUs) lo = mid + 1;
    else hi = mid;
  }
  return dir.ids[rng.int(0, Math.max(lo, 1) - 1)];
}

/** A made-up person; emails are ASCII so every registered schema accepts them. */
export function fakePerson(rng: Rng): Person {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const email = `${ascii(first)}.${ascii(last)}${rng.int(1, 99)}@${rng.pick(EMAIL_DOMAINS)}`;
  return { first, last, name: `${first} ${last}`, email, country: rng.pick(COUNTRIES) };
}

function ascii(s: string): string {
  return s.normalize("NFD").toLowerCase().replace(/[^a-z]/g, "");
}
