import { getPool } from "../../lib/db";
import { searchStrategy, searchStreams, searchStreamsQuery, type SearchStreamsOptions } from "../../lib/store/search-streams";
import { Seeded } from "../../lib/testing/random-streams";
import { summarize, type LatencySummary } from "../bench/stats";
import { DAYS, type FillPlan } from "./fill-store";

export type SearchKind = { kind: string; latency: LatencySummary; meanHits: number; strategy: string; indexes: string[]; seqScan: boolean };

export type SearchFigures = { kinds: SearchKind[]; overall: LatencySummary };

const DAY_MS = 86_400_000;

/** The searches the streams page makes, each with random arguments drawn over the filled store. */
function kinds(plan: FillPlan, rng: Seeded): Record<string, () => Omit<SearchStreamsOptions, "canSearchSubjects"> & { canSearchSubjects?: boolean }> {
  const end = Date.now();
  const day = () => {
    const from = end - rng.int(1, DAYS) * DAY_MS;
    return { activeFrom: new Date(from).toISOString(), activeTo: new Date(from + DAY_MS).toISOString() };
  };
  const week = () => {
    const from = end - rng.int(7, DAYS) * DAY_MS;
    return { activeFrom: new Date(from).toISOString(), activeTo: new Date(from + 7 * DAY_MS).toISOString() };
  };
  const hour = () => {
    const from = end - rng.int(1, DAYS * 24) * 3_600_000;
    return { activeFrom: new Date(from).toISOString(), activeTo: new Date(from + 3_600_000).toISOString() };
  };
  return {
    "id prefix": () => ({ prefix: `order-${rng.int(1, 9999)}` }),
    "category, page 2+": () => ({ category: rng.pick(["order", "user", "account", "profile"]), after: `${rng.pick(["order", "user", "account", "profile"])}-${rng.int(1, plan.orders)}` }),
    "event type (rare)": () => ({ eventType: "OrderCancelled", after: `order-${rng.int(1, plan.orders)}` }),
    "event type (one stream in 50)": () => ({ eventType: "AccountOpened" }),
    "time range: a day, one category": () => ({ category: "order", ...day() }),
    "time range: a week, one category": () => ({ category: "order", ...week() }),
    "time range: an hour, any category": () => hour(),
    "time range: the last hour": () => ({ activeFrom: new Date(end - 3_600_000).toISOString() }),
    "type + time range": () => ({ eventType: "OrderCancelled", ...day() }),
    "data subject": () => ({ subject: `u${rng.int(1, plan.users)}`, canSearchSubjects: true }),
  };
}

/** Explains one search with real execution: the indexes it used and whether it scanned a table. */
async function explain(opts: SearchStreamsOptions): Promise<{ strategy: string; indexes: string[]; seqScan: boolean }> {
  const strategy = await searchStrategy(opts);
  const { sql, params } = searchStreamsQuery(opts, strategy);
  const { rows } = await getPool().query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${sql}`, params);
  const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
  const indexes = [...new Set([...plan.matchAll(/(?:Index(?: Only)? Scan(?: Backward)?|Bitmap Index Scan) (?:using|on) (\w+)/g)].map((m) => m[1]))];
  return { strategy, indexes, seqScan: /Seq Scan/.test(plan) };
}

/** p50/p95 of every kind of search, `samples` each with fresh random arguments, in rotation. */
export async function measureSearch(plan: FillPlan, samples: number, seed: number): Promise<SearchFigures> {
  const rng = new Seeded(seed);
  const make = kinds(plan, rng);
  const names = Object.keys(make);
  const times = new Map<string, number[]>(names.map((n) => [n, []]));
  const hits = new Map<string, number>(names.map((n) => [n, 0]));
  for (const name of names) await searchStreams({ canSearchSubjects: false, ...make[name]() }); // warm-up
  for (let i = 0; i < samples; i++) {
    for (const name of names) {
      const opts = { canSearchSubjects: false, ...make[name]() };
      const t = performance.now();
      const r = await searchStreams(opts);
      times.get(name)!.push(performance.now() - t);
      hits.set(name, hits.get(name)! + r.streams.length);
    }
  }
  const result: SearchKind[] = [];
  for (const name of names) {
    const plan_ = await explain({ canSearchSubjects: false, ...make[name]() });
    result.push({ kind: name, latency: summarize(times.get(name)!), meanHits: Math.round(hits.get(name)! / samples), ...plan_ });
  }
  return { kinds: result, overall: summarize([...times.values()].flat()) };
}
