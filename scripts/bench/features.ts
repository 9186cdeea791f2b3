import { sql } from "./cluster";
import type { BenchPlan } from "./plan";
import type { FeatureCost } from "./report";
import type { Runner } from "./runner";
import { bestOf, type RunResult } from "./stats";
import { PII_SUBJECTS, streamNames, type EventKind } from "./events";
import type { BatchRunOptions, TimedRunOptions } from "./workload";

/** The secondary indexes the peer has no counterpart for; one scratch copy runs without them. */
export const EXTRA_INDEXES = [
  "events_category_idx",
  "events_correlation_idx",
  "events_causation_idx",
  "events_recorded_at_brin",
  "events_subjects_idx",
  "streams_category_idx",
  "streams_active_range_idx",
  "streams_hash_idx",
];

export type FeatureContext = {
  plan: BenchPlan;
  hs: Runner;
  /** URL of the migrated, prefilled Hindsight database. */
  hsUrl: string;
  /** URL for another database on the same server (the scratch copies). */
  urlFor: (db: string) => string;
  hsDb: string;
  checkpoint: (url: string) => Promise<void>;
  log: (line: string) => void;
};

type Run = () => Promise<RunResult>;

/** Runs on and off alternately, `rounds` times each; the table shows each side's fastest run. */
async function compare(rounds: number, on: Run, off: Run): Promise<Pick<FeatureCost, "on" | "offResult" | "runs">> {
  const runs = { on: [] as RunResult[], off: [] as RunResult[] };
  for (let i = 0; i < rounds; i++) {
    runs.on.push(await on());
    runs.off.push(await off());
  }
  return { on: bestOf(runs.on), offResult: bestOf(runs.off), runs };
}

/**
 * Prices what Hindsight does and emmett does not: the same workload with the feature in play and
 * without, on the prefilled store (and on scratch copies of it for what needs another schema).
 */
export async function measureFeatures(c: FeatureContext): Promise<FeatureCost[]> {
  const { plan, hs } = c;
  const rounds = plan.rounds;
  const ticks = streamNames(plan.streams);
  let current = c.hsUrl;
  const switchTo = async (url: string) => {
    if (url === current) return;
    await hs.call("useDatabase", { url });
    current = url;
  };
  const batches = (kind: EventKind, streams = ticks, url = c.hsUrl): Run => async () => {
    await switchTo(url);
    await c.checkpoint(url);
    return hs.call<RunResult>("batches", { totalEvents: plan.batchEvents, batchSize: plan.batchSize, writers: plan.batchWriters, streams, kind } satisfies BatchRunOptions);
  };
  const singles = (writers: number, extra: Partial<TimedRunOptions> = {}, url = c.hsUrl): Run => async () => {
    await switchTo(url);
    await c.checkpoint(url);
    return hs.call<RunResult>("singles", { writers, durationMs: plan.featureSingleMs, warmupMs: plan.warmupMs, streams: ticks, kind: "tick", ...extra } satisfies TimedRunOptions);
  };
  const batchLabel = `batched ${plan.batchSize}/call, ${plan.batchWriters} writers, ${plan.batchEvents} events`;
  const singleLabel = (w: number) => `single-event append, ${w} writer${w > 1 ? "s" : ""}, ${plan.featureSingleMs / 1000} s`;
  const out: FeatureCost[] = [];

  c.log("feature: registry validation");
  out.push({
    feature: "registry validation",
    workload: batchLabel,
    off: "same tick payload under a type the registry does not know (no zod parse)",
    ...(await compare(rounds, batches("tick"), batches("tick-unregistered"))),
  });

  c.log("feature: PII sealing (warming subject keys first, not measured)");
  const users = streamNames(200, "user", "import");
  await hs.call("batches", { totalEvents: PII_SUBJECTS, batchSize: plan.batchSize, writers: 1, streams: users, kind: "user-pii" } satisfies BatchRunOptions);
  out.push({
    feature: "PII sealing",
    workload: `${batchLabel} (UserRegistered, ${PII_SUBJECTS} subjects, keys cached)`,
    off: "same payload under an unregistered type: no validation, no AES-GCM sealing, no subject-key FOR SHARE, empty subjects (no GIN entry)",
    ...(await compare(rounds, batches("user-pii", users), batches("user-plain", users))),
  });

  c.log("feature: causation guards");
  out.push({
    feature: "causation guards",
    workload: `${batchLabel} (one correlation per call, depth 1-2)`,
    off: "no correlationId/causationId (client event ids in both): no depth lookup, no correlation counter upsert, no partial-index entries",
    ...(await compare(rounds, batches("tick-causal"), batches("tick-ids"))),
  });

  c.log("feature: idempotency keys");
  out.push({
    feature: "idempotency keys",
    workload: singleLabel(16),
    off: "no idempotencyKey (with one: HMAC of the request, advisory lock, key lookup, idempotency_keys insert)",
    ...(await compare(rounds, singles(16, { idempotency: true }), singles(16))),
  });

  out.push(...(await scratchCopies(c, rounds, batches, singles, batchLabel, singleLabel, switchTo)));
  return out;
}

async function scratchCopies(
  c: FeatureContext,
  rounds: number,
  batches: (kind: EventKind, streams?: string[], url?: string) => Run,
  singles: (writers: number, extra?: Partial<TimedRunOptions>, url?: string) => Run,
  batchLabel: string,
  singleLabel: (writers: number) => string,
  switchTo: (url: string) => Promise<void>,
): Promise<FeatureCost[]> {
  const admin = c.urlFor("postgres");
  const names = { full: `${c.hsDb}_full`, async: `${c.hsDb}_async`, lean: `${c.hsDb}_lean` };
  const urls = { full: c.urlFor(names.full), async: c.urlFor(names.async), lean: c.urlFor(names.lean) };
  // Copies of the same store, so the variants can alternate run by run instead of in sequence.
  c.log(`scratch copies of ${c.hsDb}: ${Object.values(names).join(", ")}`);
  await c.hs.call("disconnect");
  try {
    for (const db of Object.values(names)) await sql(admin, `CREATE DATABASE ${db} TEMPLATE ${c.hsDb} STRATEGY FILE_COPY`);
    await sql(admin, `ALTER DATABASE ${names.async} SET synchronous_commit = off`);
    await sql(urls.lean, ...EXTRA_INDEXES.map((i) => `DROP INDEX ${i}`));

    const durability = "synchronous_commit = off for the database (commits stop waiting for the WAL flush)";
    const indexes = `dropped ${EXTRA_INDEXES.join(", ")}; kept the primary key, unique event_id, unique (stream_id, stream_version), (tx_id, global_position)`;
    const out: FeatureCost[] = [];
    c.log("scratch: synchronous_commit on vs off");
    out.push({ feature: "durable commit", workload: `${singleLabel(1)} [copy]`, off: durability, ...(await compare(rounds, singles(1, {}, urls.full), singles(1, {}, urls.async))) });
    out.push({ feature: "durable commit", workload: `${singleLabel(16)} [copy]`, off: durability, ...(await compare(rounds, singles(16, {}, urls.full), singles(16, {}, urls.async))) });
    c.log("scratch: extra indexes on vs off");
    out.push({ feature: "extra indexes", workload: `${batchLabel} [copy]`, off: indexes, ...(await compare(rounds, batches("tick", undefined, urls.full), batches("tick", undefined, urls.lean))) });
    out.push({ feature: "extra indexes", workload: `${singleLabel(16)} [copy]`, off: indexes, ...(await compare(rounds, singles(16, {}, urls.full), singles(16, {}, urls.lean))) });
    return out;
  } finally {
    await c.hs.call("disconnect").catch(() => undefined);
    for (const db of Object.values(names)) await sql(admin, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
    await switchTo(c.hsUrl).catch(() => undefined);
  }
}
