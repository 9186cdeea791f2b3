// Refusal counting on a hot stream: 16 clients append to one stream with expected versions, so most
// appends are refused with 409. Compares append latency with no counting, with the former per-refusal
// upsert of one shared row, and with the in-process tally. Run: npx tsx --conditions=react-server scripts/bench/refusal-counting.ts
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openServer } from "./cluster";
import { summarize } from "./stats";

const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 3;
const log = (line: string) => console.log(`[bench-refusals] ${line}`);

type Mode = "none" | "hot-row" | "tally";

async function main() {
  const server = await openServer(log);
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE hindsight_refusal_bench");
  await admin.end();
  process.env.DATABASE_URL = server.url("hindsight_refusal_bench");
  process.env.HINDSIGHT_MASTER_KEY ??= randomBytes(32).toString("base64");
  process.env.HINDSIGHT_POOL_SIZE = String(CLIENTS + 4);
  const { migrate } = await import("../../lib/migrate");
  await migrate(process.env.DATABASE_URL, log);
  const { closeDb, getPool } = await import("../../lib/db");
  const { APPEND_SQL, buildAppendPayload } = await import("../../lib/store/append-to-stream");
  const { countRefusal, flushRefusalCounts } = await import("../../lib/store/count-refusal");
  const pool = getPool();

  const count = async (mode: Mode, category: string) => {
    if (mode === "tally") countRefusal(category, "version_conflict");
    if (mode === "hot-row") {
      // The former countRefusal: one upsert of the (hour, category, reason) row per refusal.
      await pool.query(
        `INSERT INTO append_refusals (hour, category, reason, count) VALUES (date_trunc('hour', now()), $1, $2, 1)
         ON CONFLICT (hour, category, reason) DO UPDATE SET count = append_refusals.count + 1`,
        [category, "version_conflict"],
      );
    }
  };

  const run = async (mode: Mode, round: number) => {
    const category = `hot${mode.replace("-", "")}${round}`;
    const streamId = `${category}-1`;
    const all: number[] = [];
    const refused: number[] = [];
    const deadline = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        let expected = 0;
        while (performance.now() < deadline) {
          const payload = await buildAppendPayload({ streamId, expectedVersion: expected, events: [{ type: "Ticked", data: { n: expected } }] });
          const t0 = performance.now();
          try {
            const { rows } = await pool.query<{ r: { toVersion: number } }>(APPEND_SQL, [JSON.stringify(payload)]);
            expected = rows[0].r.toVersion;
            all.push(performance.now() - t0);
          } catch (e) {
            const err = e as { code?: string; detail?: string };
            if (err.code !== "HS001") throw e;
            await count(mode, category);
            const ms = performance.now() - t0;
            all.push(ms);
            refused.push(ms);
            expected = JSON.parse(err.detail ?? "{}").actualVersion ?? expected;
          }
        }
      }),
    );
    await flushRefusalCounts();
    const stored = await pool.query<{ n: number | null }>("SELECT sum(count)::int AS n FROM append_refusals WHERE category = $1", [category]);
    const s = summarize(all);
    const r = summarize(refused);
    log(`${mode.padEnd(8)} round ${round}: ${all.length} appends (${refused.length} refused, ${stored.rows[0].n ?? 0} counted); p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms; refused p50 ${r.p50.toFixed(2)} ms`);
    return { mode, p50: s.p50, refusedP50: r.p50 };
  };

  // A first pass warms the cache, the pool and the function's plan; it is not reported.
  await run("none", 0);
  const results = [];
  for (let round = 1; round <= ROUNDS; round++) for (const mode of ["none", "hot-row", "tally"] as Mode[]) results.push(await run(mode, round));
  for (const mode of ["none", "hot-row", "tally"] as Mode[]) {
    const mine = results.filter((r) => r.mode === mode);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    log(`${mode.padEnd(8)} p50 over rounds: ${median(mine.map((r) => r.p50)).toFixed(2)} ms (refused ${median(mine.map((r) => r.refusedP50)).toFixed(2)} ms)`);
  }
  await closeDb();
  await server.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
