import { runHttpAppends } from "./http-load";
import type { BenchPlan } from "./plan";
import type { Measurement, System, Target } from "./report";
import { startEmmettHttp, startHindsightFast, type RunningServer } from "./servers";
import { bestOf, type RunResult } from "./stats";

export type HttpContext = {
  plan: BenchPlan;
  hsUrl: string;
  emUrl: string;
  masterKey: string;
  /** Why Hindsight's server cannot run (no build), if so. */
  hsSkip?: string;
  /** An events:append API token in the Hindsight database. */
  token?: string;
  ticks: string[];
  target: Target;
  checkpoint: (url: string) => Promise<void>;
  log: (line: string) => void;
};

const ID = "http-16";
const WORKLOAD = "(c) single-event append via HTTP, 16 clients";
const PARAMS: Record<System, string> = { hindsight: "node:http fast path, real handlers, API token", emmett: "node:http + same zod" };

/**
 * Workload (c): both servers run side by side (Hindsight's is the node:http fast path that our own
 * HTTP server puts ahead of Next.js) (each in its own process), and the 16 clients
 * alternate between them round by round, so a burst of outside load hits both.
 */
export async function measureHttp(c: HttpContext): Promise<Measurement[]> {
  const servers: Partial<Record<System, RunningServer>> = {};
  const skipped: Partial<Record<System, string>> = {};
  const runs: Record<System, RunResult[]> = { hindsight: [], emmett: [] };
  const urls: Record<System, string> = { hindsight: c.hsUrl, emmett: c.emUrl };
  try {
    if (c.plan.skipHttp) skipped.hindsight = skipped.emmett = "--no-http";
    if (c.hsSkip) skipped.hindsight = c.hsSkip;
    const starters: Record<System, () => Promise<RunningServer>> = {
      hindsight: () => startHindsightFast({ DATABASE_URL: c.hsUrl, HINDSIGHT_MASTER_KEY: c.masterKey }),
      emmett: () => startEmmettHttp(c.emUrl),
    };
    for (const system of ["hindsight", "emmett"] as const) {
      if (skipped[system]) continue;
      try {
        servers[system] = await starters[system]();
      } catch (e) {
        skipped[system] = (e as Error).message.split("\n")[0];
        c.log(`${WORKLOAD} — ${system}: server did not start: ${skipped[system]}`);
      }
    }
    for (let round = 0; round < c.plan.rounds; round++) {
      for (const system of ["hindsight", "emmett"] as const) {
        const srv = servers[system];
        if (!srv) continue;
        c.log(`${WORKLOAD} — ${system}${c.plan.rounds > 1 ? ` (round ${round + 1})` : ""}`);
        await c.checkpoint(urls[system]);
        const result = await runHttpAppends({
          baseUrl: srv.url,
          clients: 16,
          durationMs: c.plan.httpMs,
          warmupMs: c.plan.warmupMs,
          streams: c.ticks,
          kind: "tick",
          serverPid: srv.pid,
          token: system === "hindsight" ? c.token : undefined,
        });
        c.log(`  ${result.events} events in ${result.seconds} s = ${result.eventsPerSecond}/s, p95 ${result.latencyMs?.p95} ms${result.errors ? `, ${result.errors} errors` : ""}`);
        runs[system].push(result);
      }
    }
  } finally {
    for (const srv of Object.values(servers)) await srv?.stop();
  }
  return (["hindsight", "emmett"] as const).map((system) => ({
    id: ID,
    workload: WORKLOAD,
    system,
    params: PARAMS[system],
    result: runs[system].length ? bestOf(runs[system]) : undefined,
    runs: runs[system].length ? runs[system] : undefined,
    skipped: skipped[system],
    target: system === "hindsight" ? c.target : undefined,
  }));
}
