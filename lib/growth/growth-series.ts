// Pure shaping of growth buckets into chart rows: no server imports, so the page and tests share it.
import type { GrowthBucket } from "./get-growth";

export const OTHER_KEY = "other";
/** More stacked series than this stop being readable; the rest are summed into "other". */
export const MAX_SERIES = 6;

export type SeriesRow = { start: string } & Record<string, number | string>;
export type GrowthSeries = {
  keys: string[];
  events: SeriesRow[];
  bytes: SeriesRow[];
  /** Cumulative bytes at the end of each bucket, from `bytesBefore` (what the store held at the range start). */
  storage: { start: string; bytes: number }[];
  totals: { events: number; bytes: number };
};

/**
 * Pivots sparse buckets into one row per bucket start (every start in `starts`, zero-filled),
 * with the largest keys by events as series and the rest as "other".
 */
export function toGrowthSeries(buckets: GrowthBucket[], starts: string[], bytesBefore: number): GrowthSeries {
  const byKey = new Map<string, number>();
  for (const b of buckets) byKey.set(b.key, (byKey.get(b.key) ?? 0) + b.count);
  const ranked = [...byKey.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const shown = ranked.length > MAX_SERIES ? ranked.slice(0, MAX_SERIES - 1) : ranked;
  const keys = ranked.length > shown.length ? [...shown, OTHER_KEY] : shown;
  const seriesOf = (key: string) => (shown.includes(key) ? key : OTHER_KEY);

  const empty = (start: string): SeriesRow => Object.fromEntries([["start", start], ...keys.map((k) => [k, 0])]) as SeriesRow;
  const events = new Map(starts.map((s) => [s, empty(s)]));
  const bytes = new Map(starts.map((s) => [s, empty(s)]));
  let totalEvents = 0;
  let totalBytes = 0;
  for (const b of buckets) {
    const e = events.get(b.start);
    const y = bytes.get(b.start);
    if (!e || !y) continue; // outside the requested starts: not drawn, not counted
    const k = seriesOf(b.key);
    e[k] = (e[k] as number) + b.count;
    y[k] = (y[k] as number) + b.bytes;
    totalEvents += b.count;
    totalBytes += b.bytes;
  }
  let running = bytesBefore;
  const storage = starts.map((start) => {
    const row = bytes.get(start)!;
    for (const k of keys) running += row[k] as number;
    return { start, bytes: running };
  });
  return { keys, events: [...events.values()], bytes: [...bytes.values()], storage, totals: { events: totalEvents, bytes: totalBytes } };
}

/** Every bucket start (UTC, "…+00:00" as the growth query prints them) from `from` up to `to`. */
export function bucketStarts(from: Date, to: Date, bucket: "hour" | "day"): string[] {
  const step = bucket === "hour" ? 3_600_000 : 86_400_000;
  const first = Math.floor(from.getTime() / step) * step;
  const starts: string[] = [];
  for (let t = first; t < to.getTime(); t += step) starts.push(`${new Date(t).toISOString().slice(0, 19)}+00:00`);
  return starts;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The growth page's range for the last `days` days, ending with the current hour: by the hour for
 * a week (it reads best that way), by whole UTC days for a month or a quarter.
 */
export function growthRange(days: number, now: number = Date.now()): { from: Date; to: Date; bucket: "hour" | "day" } {
  const bucket = days <= 7 ? "hour" : "day";
  const to = Math.ceil(now / HOUR_MS) * HOUR_MS;
  const from = bucket === "day" ? (Math.floor(to / DAY_MS) - days + 1) * DAY_MS : to - days * DAY_MS;
  return { from: new Date(from), to: new Date(to), bucket };
}
