import "server-only";
import { startLeaderLoop, type LeaderLoop } from "../jobs/leader-loop";
import { recordStoreSizeSample } from "../growth/get-store-health";
import { evaluateRules } from "./evaluate-rules";
import { sendDueWebhooks } from "./send-webhooks";
import { env } from "../env";

const LOCK_KEY = "hindsight.alerts";
/** Webhooks due (new transitions, retries) are sent at least this often, whatever the evaluation interval. */
const SEND_POLL_MS = 1_000;

/** The evaluation interval: 30 s, or HINDSIGHT_ALERT_INTERVAL_MS (the e2e server uses 1 s). */
export function alertIntervalMs(): number {
  return env("HINDSIGHT_ALERT_INTERVAL_MS");
}

export type AlertLoop = LeaderLoop;

/**
 * Evaluates every enabled rule every interval and sends due webhooks every second, on one leader
 * across all workers (lib/jobs/leader-loop.ts). Losing the connection ends the leadership; another
 * worker takes over within a few seconds. The engine itself is race-safe, so a brief overlap of
 * two leaders writes nothing twice.
 */
export function startAlertLoop(databaseUrl: string, opts: { intervalMs?: number; log?: (line: string) => void } = {}): AlertLoop {
  const intervalMs = opts.intervalMs ?? alertIntervalMs();
  const log = opts.log ?? console.log;
  let nextEvaluation = 0;
  return startLeaderLoop({
    databaseUrl,
    name: "alerts",
    lockKey: LOCK_KEY,
    log,
    leadingMessage: `leading the alert loop (every ${intervalMs / 1000} s)`,
    pass: async ({ sleep, isStopped }) => {
      if (Date.now() >= nextEvaluation) {
        nextEvaluation = Date.now() + intervalMs;
        const r = await evaluateRules();
        for (const e of r.errors) log(`[alerts] rule ${e.ruleId}: ${e.message}`);
        // The store-health panel's size history: one sample an hour, taken by whichever worker leads.
        await recordStoreSizeSample();
      }
      await sendDueWebhooks();
      if (!isStopped()) await sleep(Math.max(0, Math.min(SEND_POLL_MS, nextEvaluation - Date.now())));
    },
  });
}
