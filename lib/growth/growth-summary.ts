// What the growth page says in words: the busiest bucket and what filled it, and the keys ranked by
// how much they grew the store. Pure, so the page and its tests share it.
import type { GrowthBucket } from "./get-growth";

export type Busiest = { start: string; total: number; topKey: string; topCount: number };
export type RankedKey = {
  key: string;
  /** Events added in the window: how much this key grew the store. */
  events: number;
  bytes: number;
  /** Share of all events added in the window, 0–1. */
  share: number;
  /** Events in the window's first and second halves; `change` is their ratio minus one (null when the first half is empty). */
  firstHalf: number;
  secondHalf: number;
  change: number | null;
};
export type GrowthSummary = { busiest: Busiest | null; ranked: RankedKey[] };

/** The busiest bucket (ties: the earliest) with its largest key, and every key ranked by events added, largest first. */
export function summarizeGrowth(buckets: GrowthBucket[], starts: string[]): GrowthSummary {
  const index = new Map(starts.map((s, i) => [s, i]));
  const half = Math.floor(starts.length / 2);
  const perStart = new Map<string, Map<string, number>>();
  const perKey = new Map<string, RankedKey>();
  let total = 0;
  for (const b of buckets) {
    const at = index.get(b.start);
    if (at === undefined) continue; // outside the window: neither drawn nor counted
    total += b.count;
    const inBucket = perStart.get(b.start) ?? new Map<string, number>();
    inBucket.set(b.key, (inBucket.get(b.key) ?? 0) + b.count);
    perStart.set(b.start, inBucket);
    const k = perKey.get(b.key) ?? { key: b.key, events: 0, bytes: 0, share: 0, firstHalf: 0, secondHalf: 0, change: null };
    k.events += b.count;
    k.bytes += b.bytes;
    if (at < half) k.firstHalf += b.count;
    else k.secondHalf += b.count;
    perKey.set(b.key, k);
  }

  let busiest: Busiest | null = null;
  for (const start of starts) {
    const inBucket = perStart.get(start);
    if (!inBucket) continue;
    const sum = [...inBucket.values()].reduce((a, b) => a + b, 0);
    if (sum > 0 && (!busiest || sum > busiest.total)) {
      const [topKey, topCount] = [...inBucket.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
      busiest = { start, total: sum, topKey, topCount };
    }
  }

  const ranked = [...perKey.values()]
    .map((k) => ({ ...k, share: total > 0 ? k.events / total : 0, change: k.firstHalf > 0 ? k.secondHalf / k.firstHalf - 1 : null }))
    .sort((a, b) => b.events - a.events || a.key.localeCompare(b.key));
  return { busiest, ranked };
}

/**
 * The bucket starts to label on the time axis: about `max` evenly spaced, always the first and
 * the `marked` one (the spike), dropping even ones that would crowd it.
 */
export function axisTicks(starts: string[], marked: string | null, max = 8): string[] {
  if (starts.length <= max) return starts;
  const step = Math.ceil(starts.length / max);
  const at = marked ? starts.indexOf(marked) : -1;
  const picked = new Set<number>();
  for (let i = 0; i < starts.length; i += step) if (at < 0 || Math.abs(i - at) >= Math.ceil(step / 2)) picked.add(i);
  if (at >= 0) picked.add(at);
  return [...picked].sort((a, b) => a - b).map((i) => starts[i]);
}
