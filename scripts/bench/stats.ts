import type { CpuPer1k } from "./cpu";

/** Latency percentiles and rates for one measured run. */

export type LatencySummary = { count: number; p50: number; p95: number; p99: number; max: number; mean: number };

export type RunResult = {
  /** Events written or read during the measured window. */
  events: number;
  /** Calls (appends, pages, requests) made during the window. */
  calls: number;
  seconds: number;
  eventsPerSecond: number;
  /** Per-call latency in milliseconds; absent where only throughput matters. */
  latencyMs?: LatencySummary;
  errors: number;
  /** CPU milliseconds per 1000 events: the calling process, PostgreSQL (all its processes), an HTTP server. */
  cpuPer1k?: CpuPer1k;
  notes?: string[];
};

/** Nearest-rank percentile of an ascending array (what most load tools report). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(latencies: number[]): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  const arr = Array.from(sorted);
  const sum = arr.reduce((a, b) => a + b, 0);
  return {
    count: arr.length,
    p50: round(percentile(arr, 50)),
    p95: round(percentile(arr, 95)),
    p99: round(percentile(arr, 99)),
    max: round(arr[arr.length - 1] ?? NaN),
    mean: round(arr.length ? sum / arr.length : NaN),
  };
}

/** Builds a RunResult from raw counts; latency is summarised only when samples were taken. */
export function toRunResult(opts: { events: number; calls: number; ms: number; latencies?: number[]; errors?: number; notes?: string[]; cpu?: CpuPer1k }): RunResult {
  const seconds = opts.ms / 1000;
  return {
    events: opts.events,
    calls: opts.calls,
    seconds: round(seconds, 3),
    eventsPerSecond: Math.round(seconds > 0 ? opts.events / seconds : 0),
    latencyMs: opts.latencies && opts.latencies.length > 0 ? summarize(opts.latencies) : undefined,
    errors: opts.errors ?? 0,
    cpuPer1k: opts.cpu,
    notes: opts.notes?.length ? opts.notes : undefined,
  };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Milliseconds since an arbitrary origin, sub-millisecond precision. */
export function nowMs(): number {
  return performance.now();
}

/**
 * The fastest of several runs of one workload. Other load on the machine only ever slows a run
 * down, so the best of a few alternating runs is the least disturbed figure; all runs are kept.
 */
export function bestOf(runs: RunResult[]): RunResult {
  return runs.reduce((a, b) => (b.eventsPerSecond > a.eventsPerSecond ? b : a));
}
