import { HindsightClient } from "@hindsight/client";
import type { BenchPlan } from "./plan";
import type { Measurement, Target } from "./report";
import { startHindsightFast } from "./servers";
import { nowMs, toRunResult, type RunResult } from "./stats";

export type SubscriptionContext = {
  plan: BenchPlan;
  hsUrl: string;
  masterKey: string;
  /** An events:read + events:append API token in the Hindsight database. */
  token: string;
  /** Events in the store now: what the catching-up subscriber must receive. */
  expected: number;
  targets: { catchUp: Target; latency: Target };
  log: (line: string) => void;
};

const PEER_SKIP = "emmett-postgresql has no subscription endpoint (its consumers poll the table in-process)";

/**
 * Workload (e): subscriptions over SSE on the fast path. One subscriber reads the whole store from
 * the start (catch-up rate); then 16 writers append single events over HTTP while a live
 * subscriber measures append-to-delivery latency (from just before each POST to its delivery).
 */
export async function measureSubscription(c: SubscriptionContext): Promise<Measurement[]> {
  const server = await startHindsightFast({ DATABASE_URL: c.hsUrl, HINDSIGHT_MASTER_KEY: c.masterKey });
  try {
    const client = new HindsightClient({ baseUrl: server.url, token: c.token });
    c.log("(e) subscription catching up from the start of the log");
    const { result: catchUp, cursor } = await catchUpRun(client, c.expected, c.plan.readMaxMs);
    c.log(`  ${catchUp.events} events in ${catchUp.seconds} s = ${catchUp.eventsPerSecond}/s`);
    c.log("(e) subscription latency, 16 writers over HTTP");
    const latency = await latencyRun(client, cursor, c.plan.httpMs);
    c.log(`  ${latency.events} events delivered, median ${latency.latencyMs?.p50} ms, p95 ${latency.latencyMs?.p95} ms`);
    return [
      { id: "sub-catchup", workload: "(e) subscription, one subscriber catching up", system: "hindsight", params: "SSE on the fast path, @hindsight/client", result: catchUp, target: c.targets.catchUp },
      { id: "sub-catchup", workload: "(e) subscription, one subscriber catching up", system: "emmett", params: "", skipped: PEER_SKIP },
      { id: "sub-latency", workload: "(e) subscription append-to-delivery, 16 writers", system: "hindsight", params: "HTTP appends, one live SSE subscriber", result: latency, target: c.targets.latency },
      { id: "sub-latency", workload: "(e) subscription append-to-delivery, 16 writers", system: "emmett", params: "", skipped: PEER_SKIP },
    ];
  } finally {
    await server.stop();
  }
}

async function catchUpRun(client: HindsightClient, expected: number, maxMs: number): Promise<{ result: RunResult; cursor: string | undefined }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), maxMs);
  let events = 0;
  let cursor: string | undefined;
  const started = nowMs();
  try {
    for await (const e of client.subscribe({ signal: controller.signal })) {
      events++;
      cursor = e.cursor;
      if (events >= expected) break;
    }
  } finally {
    clearTimeout(timer);
  }
  const notes = events < expected ? [`time-boxed at ${maxMs} ms: ${events} of ${expected} events`] : [];
  return { result: toRunResult({ events, calls: 1, ms: nowMs() - started, notes }), cursor };
}

async function latencyRun(client: HindsightClient, after: string | undefined, durationMs: number): Promise<RunResult> {
  const category = `subbench${Date.now().toString(36)}`;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const controller = new AbortController();
  let errors = 0;
  const following = (async () => {
    for await (const e of client.subscribe({ after, category, signal: controller.signal })) {
      const t = sentAt.get(String(e.data.k));
      if (t !== undefined) latencies.push(nowMs() - t);
    }
  })();
  const started = nowMs();
  let seq = 0;
  await Promise.all(
    Array.from({ length: 16 }, async (_, w) => {
      while (nowMs() - started < durationMs) {
        const k = `${w}-${seq++}`;
        sentAt.set(k, nowMs());
        await client.appendToStream(`${category}-${w}`, [{ type: "SubscriptionBenchNoted", data: { k } }]).catch(() => errors++);
      }
    }),
  );
  // Let the last deliveries arrive, then stop following.
  const deadline = nowMs() + 5_000;
  while (latencies.length + errors < sentAt.size && nowMs() < deadline) await new Promise((r) => setTimeout(r, 20));
  controller.abort();
  await following.catch(() => undefined);
  const missing = sentAt.size - errors - latencies.length;
  return toRunResult({ events: latencies.length, calls: sentAt.size, ms: nowMs() - started, latencies, errors: errors + Math.max(0, missing), notes: missing > 0 ? [`${missing} events not delivered within 5 s`] : [] });
}
