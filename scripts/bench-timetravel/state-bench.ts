import { takeSnapshots } from "../../lib/snapshots/take-snapshots";
import { appendToStream, MAX_EVENTS_PER_APPEND, type NewEvent } from "../../lib/store/append-to-stream";
import { getStateAt } from "../../lib/stream-state/get-state-at";
import type { StatePoint } from "../../lib/stream-state/state-point";
import { Seeded } from "../../lib/testing/random-streams";
import { summarize, type LatencySummary } from "../bench/stats";

const DAY_MS = 86_400_000;

export type StreamBuild = { streamId: string; events: number; appendSeconds: number; snapshots: number; snapshotSeconds: number; firstAt: string; lastAt: string };

/** One ticker of `n` events spread over 90 days (appended through the store, 1 000 per append), then its snapshots per policy. */
export async function buildTicker(streamId: string, n: number, log: (line: string) => void): Promise<StreamBuild> {
  const start = Date.now() - 90 * DAY_MS;
  const at = (i: number) => new Date(start + Math.floor((i * 90 * DAY_MS) / n)).toISOString();
  const t0 = performance.now();
  for (let from = 0; from < n; from += MAX_EVENTS_PER_APPEND) {
    const count = Math.min(MAX_EVENTS_PER_APPEND, n - from);
    const events = Array.from({ length: count }, (_, j): NewEvent => {
      const i = from + j;
      return { type: "PriceTicked", data: { symbol: "BENCH", bid: 100 + (i % 97) / 10, ask: 100.1 + (i % 97) / 10, volume: i % 50 } };
    });
    await appendToStream({ streamId, events, recordedAt: events.map((_, j) => at(from + j)) });
  }
  const appendSeconds = (performance.now() - t0) / 1000;
  log(`${streamId}: ${n} events appended in ${appendSeconds.toFixed(1)} s; taking snapshots`);
  const t1 = performance.now();
  const run = await takeSnapshots({ streamIds: [streamId] });
  return { streamId, events: n, appendSeconds, snapshots: run.snapshots, snapshotSeconds: (performance.now() - t1) / 1000, firstAt: at(0), lastAt: at(n - 1) };
}

export type StateFigures = {
  byVersion: LatencySummary;
  byTime: LatencySummary;
  withoutSnapshots: LatencySummary;
  /** p50 and p95 without snapshots over with (by version). */
  speedup: { p50: number; p95: number };
  meanEventsFolded: number;
};

async function timed(samples: number, point: () => StatePoint, opts: { streamId: string; useSnapshots: boolean }, folded?: number[]): Promise<LatencySummary> {
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const target = point();
    const t = performance.now();
    const s = await getStateAt({ streamId: opts.streamId, target, pii: "masked", useSnapshots: opts.useSnapshots });
    ms.push(performance.now() - t);
    folded?.push(s.eventsFolded);
  }
  return summarize(ms);
}

/** p50/p95 of state-as-of a random version and a random time, with snapshots, and by version without them. */
export async function measureState(build: StreamBuild, samples: number, seed: number): Promise<StateFigures> {
  const rng = new Seeded(seed);
  const version = (): StatePoint => ({ version: rng.int(1, build.events) });
  const lo = Date.parse(build.firstAt);
  const hi = Date.parse(build.lastAt);
  const time = (): StatePoint => ({ at: new Date(lo + rng.next() * (hi - lo)).toISOString() });
  const opts = { streamId: build.streamId, useSnapshots: true };
  await timed(20, version, opts); // warm the pool, the plan cache and the page cache
  const folded: number[] = [];
  const byVersion = await timed(samples, version, opts, folded);
  const byTime = await timed(samples, time, opts);
  const withoutSnapshots = await timed(Math.max(5, Math.round(samples / 15)), version, { ...opts, useSnapshots: false });
  return {
    byVersion,
    byTime,
    withoutSnapshots,
    speedup: { p50: round(withoutSnapshots.p50 / byVersion.p50), p95: round(withoutSnapshots.p95 / byVersion.p95) },
    meanEventsFolded: Math.round(folded.reduce((a, b) => a + b, 0) / folded.length),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
