import { cpuPer1k, sampleCpu } from "./cpu";
import { makeEvents, uuidv7, type BenchEvent, type EventKind } from "./events";
import { nowMs, toRunResult, type RunResult } from "./stats";

/** The common interface both stores implement inside their runner process. */
export interface BenchStore {
  append(streamId: string, events: BenchEvent[], opts?: { idempotencyKey?: string }): Promise<void>;
  /** Reads one page of the global log after `cursor` (null = start); returns how many and the next cursor. */
  readPage(cursor: unknown, limit: number): Promise<{ count: number; cursor: unknown }>;
}

export type BatchRunOptions = { totalEvents: number; batchSize: number; writers: number; streams: string[]; kind: EventKind };

/**
 * Closed loop: `writers` concurrent callers append `batchSize` events per call until `totalEvents`
 * are written. Each writer owns a disjoint slice of the streams, so no two calls race on one
 * stream (the peer's "any version" append fails on such a race instead of waiting).
 */
export async function runBatches(store: BenchStore, o: BatchRunOptions): Promise<RunResult> {
  const calls = Math.ceil(o.totalEvents / o.batchSize);
  let next = 0;
  let events = 0;
  let errors = 0;
  const latencies: number[] = [];
  const firstError: string[] = [];
  const cpu0 = sampleCpu();
  const started = nowMs();
  await Promise.all(
    Array.from({ length: o.writers }, async (_, w) => {
      const mine = o.streams.filter((_, i) => i % o.writers === w);
      const state: { rootEventId?: string } = {};
      let k = 0;
      for (;;) {
        const call = next++;
        if (call >= calls) return;
        const n = Math.min(o.batchSize, o.totalEvents - call * o.batchSize);
        const stream = mine[k++ % mine.length];
        const batch = makeEvents(o.kind, stream, n, state);
        const t = nowMs();
        try {
          await store.append(stream, batch);
          events += n;
        } catch (e) {
          errors++;
          if (firstError.length === 0) firstError.push(`first error: ${(e as Error).message}`);
        }
        latencies.push(nowMs() - t);
      }
    }),
  );
  const ms = nowMs() - started;
  return toRunResult({ events, calls: latencies.length, ms, latencies, errors, notes: firstError, cpu: cpuPer1k(cpu0, sampleCpu(), events) });
}

export type TimedRunOptions = { writers: number; durationMs: number; warmupMs: number; streams: string[]; kind: EventKind; idempotency?: boolean };

/**
 * Closed loop of single-event appends for a fixed time. Calls that start during the warm-up are
 * not counted; the window closes when the duration has passed and in-flight calls finish.
 */
export async function runSingles(store: BenchStore, o: TimedRunOptions): Promise<RunResult> {
  return runTimed(o.writers, o.durationMs, o.warmupMs, async (w, k) => {
    const mine = o.streams.filter((_, i) => i % o.writers === w);
    const stream = mine[k % mine.length];
    await store.append(stream, makeEvents(o.kind, stream, 1), o.idempotency ? { idempotencyKey: `bench-${uuidv7()}` } : undefined);
    return 1;
  });
}

/**
 * Runs `fn` in `workers` closed loops for `durationMs` after `warmupMs`; `fn` returns the events it
 * handled. CPU is sampled when the warm-up ends; `serverPid` adds an HTTP server's process tree.
 */
export async function runTimed(
  workers: number,
  durationMs: number,
  warmupMs: number,
  fn: (worker: number, iteration: number) => Promise<number>,
  serverPid?: number,
): Promise<RunResult> {
  const begin = nowMs();
  const cpu0 = new Promise<ReturnType<typeof sampleCpu>>((resolve) => setTimeout(() => resolve(sampleCpu(serverPid)), warmupMs));
  const measureFrom = begin + warmupMs;
  const end = measureFrom + durationMs;
  let events = 0;
  let errors = 0;
  let lastDone = measureFrom;
  const latencies: number[] = [];
  const notes: string[] = [];
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let k = 0; ; k++) {
        const t = nowMs();
        if (t >= end) return;
        let n = 0;
        let failed = false;
        try {
          n = await fn(w, k);
        } catch (e) {
          failed = true;
          if (notes.length === 0) notes.push(`first error: ${(e as Error).message}`);
        }
        const done = nowMs();
        if (t >= measureFrom) {
          if (failed) errors++;
          else {
            events += n;
            latencies.push(done - t);
          }
          lastDone = Math.max(lastDone, done);
        }
      }
    }),
  );
  const cpu = cpuPer1k(await cpu0, sampleCpu(serverPid), events);
  return toRunResult({ events, calls: latencies.length + errors, ms: lastDone - measureFrom, latencies, errors, notes, cpu });
}

/** Reads the global log from the start in pages until it is exhausted or `maxMs` has passed. */
export async function runReadAll(store: BenchStore, o: { pageSize: number; maxMs: number; expected?: number }): Promise<RunResult> {
  const cpu0 = sampleCpu();
  const started = nowMs();
  let cursor: unknown = null;
  let events = 0;
  let pages = 0;
  const latencies: number[] = [];
  let complete = false;
  while (nowMs() - started < o.maxMs) {
    const t = nowMs();
    const page = await store.readPage(cursor, o.pageSize);
    latencies.push(nowMs() - t);
    pages++;
    events += page.count;
    cursor = page.cursor;
    if (page.count < o.pageSize) {
      complete = true;
      break;
    }
  }
  const notes: string[] = [];
  if (!complete) notes.push(`time-boxed at ${Math.round(o.maxMs / 1000)} s: read ${events} of ${o.expected ?? "?"} events`);
  // A reader that pages on one order and filters on another can skip or repeat events: say so.
  else if (o.expected !== undefined && events !== o.expected) notes.push(`read ${events} events but the store holds ${o.expected}`);
  const ms = nowMs() - started;
  return toRunResult({ events, calls: pages, ms, latencies, notes, cpu: cpuPer1k(cpu0, sampleCpu(), events) });
}
