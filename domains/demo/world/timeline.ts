import type { Rng } from "./prng";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** One UTC hour of the demo period (the first and last may be partial), in milliseconds. */
export type Slot = { start: number; end: number };

/** How a kind of traffic is spread over time: growth over the period, time of day, weekends, the spike. */
export type VolumeShape = {
  /** Relative volume at the start and at the end of the period (linear in between). */
  growth: readonly [number, number];
  /** 24 relative weights, by UTC hour. */
  diurnal: readonly number[];
  weekend: number;
  /** Multiplier on the spike day (1 = no spike). */
  spike: number;
};

export type Period = { start: number; end: number; spikeDay: number | null };

/** The hour slots of [start, end), aligned to UTC hours so they match the hourly rollups. */
export function hourSlots(start: number, end: number): Slot[] {
  const slots: Slot[] = [];
  for (let s = start; s < end; ) {
    const next = Math.min(end, Math.floor(s / HOUR_MS) * HOUR_MS + HOUR_MS);
    slots.push({ start: s, end: next });
    s = next;
  }
  return slots;
}

/** The relative volume of each slot for a shape (slot length included, so partial hours weigh less). */
export function slotWeights(slots: Slot[], shape: VolumeShape, period: Period): number[] {
  const span = period.end - period.start;
  return slots.map((slot) => {
    const mid = (slot.start + slot.end) / 2;
    const growth = shape.growth[0] + (shape.growth[1] - shape.growth[0]) * ((mid - period.start) / span);
    const date = new Date(slot.start);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? shape.weekend : 1;
    const spike = period.spikeDay !== null && slot.start >= period.spikeDay && slot.start < period.spikeDay + DAY_MS ? shape.spike : 1;
    return growth * shape.diurnal[date.getUTCHours()] * weekend * spike * ((slot.end - slot.start) / HOUR_MS);
  });
}

/**
 * Splits `total` over the weights with some noise, exactly (largest remainder), so volumes look
 * organic but the requested size is met to the event.
 */
export function allocate(total: number, weights: number[], rng: Rng, noise = 0.15): number[] {
  const noisy = weights.map((w) => w * (1 + noise * (2 * rng.next() - 1)));
  const sum = noisy.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = noisy.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  return counts;
}

/** `n` strictly increasing times (microseconds since the epoch) inside a slot. */
export function timesInSlot(rng: Rng, slot: Slot, n: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(Math.floor(rng.between(slot.start * 1000, slot.end * 1000)));
  times.sort((a, b) => a - b);
  for (let i = 1; i < n; i++) if (times[i] <= times[i - 1]) times[i] = times[i - 1] + 1;
  return times;
}

/** RFC 3339 in UTC with microseconds, which recorded_at keeps (and which sorts as text). */
export function isoMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  return `${new Date(ms).toISOString().slice(0, 23)}${String(us - ms * 1000).padStart(3, "0")}Z`;
}

/** The start of the UTC day with the abnormal spike: 20 days ago (or mid-period in short worlds). */
export function spikeDayStart(start: number, end: number, days: number): number | null {
  if (days < 3) return null;
  let day = Math.floor((end - Math.min(20, Math.floor(days / 2)) * DAY_MS) / DAY_MS) * DAY_MS;
  if (day < start) day += DAY_MS;
  return day + DAY_MS <= end ? day : null;
}
