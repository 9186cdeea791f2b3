/** What one bench run does, from the command line: `npm run bench -- [--quick] [--prefill N] ...`. */
export type BenchPlan = {
  quick: boolean;
  prefill: number;
  streams: number;
  batchSize: number;
  /** Concurrent writers for the batched workloads (each owns a disjoint slice of the streams). */
  batchWriters: number;
  /** Events per steady-state batched run on top of the prefilled store, and per feature on/off run. */
  batchEvents: number;
  singleMs: number;
  httpMs: number;
  warmupMs: number;
  /** Time box for a whole-store read (the peer's global read has no index to page on). */
  readMaxMs: number;
  featureSingleMs: number;
  /** Alternating runs per system (or per on/off side); tables show the fastest, the JSON keeps all. */
  rounds: number;
  skipHttp: boolean;
  skipFeatures: boolean;
  /** Stop after the prefill and the bytes-per-event breakdown. */
  bytesOnly: boolean;
};

const HELP = `npm run bench -- [options]
  --quick              prefill 50 000 and short runs: checks that everything works
  --prefill N          events per store before the measured runs (default 1 000 000)
  --batch-writers N    concurrent writers for batched appends (default 2)
  --streams N          tick streams the events spread over (default 1000)
  --no-http            skip the HTTP workload (no next build / next start)
  --rounds N           alternating runs per system and workload, best one shown (default 2; 1 with --quick)
  --no-features        skip the Hindsight feature on/off costs
  --bytes-only         prefill both stores, print bytes per event (by index and column) and stop
  BENCH_DATABASE_URL   use this server instead of an embedded one (two databases are created and dropped)`;

export function parsePlan(argv: string[]): BenchPlan {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      console.log(HELP);
      process.exit(0);
    }
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}\n${HELP}`);
    const [k, v] = a.slice(2).split("=", 2);
    if (v !== undefined) flags.set(k, v);
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) flags.set(k, argv[++i]);
    else flags.set(k, true);
  }
  const known = new Set(["quick", "prefill", "batch-writers", "streams", "rounds", "no-http", "no-features", "bytes-only"]);
  for (const k of flags.keys()) if (!known.has(k)) throw new Error(`unknown option --${k}\n${HELP}`);
  const num = (k: string, d: number) => {
    const v = flags.get(k);
    if (v === undefined) return d;
    const n = Number(String(v).replace(/_/g, ""));
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${k} needs a whole number >= 1`);
    return n;
  };
  const quick = flags.has("quick");
  return {
    quick,
    prefill: num("prefill", quick ? 50_000 : 1_000_000),
    streams: num("streams", 1000),
    batchSize: 500,
    batchWriters: num("batch-writers", 2),
    batchEvents: quick ? 10_000 : 100_000,
    singleMs: quick ? 3_000 : 8_000,
    httpMs: quick ? 3_000 : 12_000,
    warmupMs: quick ? 500 : 2_000,
    readMaxMs: quick ? 15_000 : 40_000,
    featureSingleMs: quick ? 2_000 : 5_000,
    rounds: num("rounds", quick ? 1 : 2),
    skipHttp: flags.has("no-http"),
    skipFeatures: flags.has("no-features"),
    bytesOnly: flags.has("bytes-only"),
  };
}
