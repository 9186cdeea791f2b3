import "server-only";
import pg from "pg";
import { poolConfigFromUrl } from "../db-config";
import { recordStoreSizeSample } from "../growth/get-store-health";
import { evaluateRules } from "./evaluate-rules";
import { sendDueWebhooks } from "./send-webhooks";

const LOCK_KEY = "hindsight.alerts";
const STANDBY_RETRY_MS = 5_000;
/** Webhooks due (new transitions, retries) are sent at least this often, whatever the evaluation interval. */
const SEND_POLL_MS = 1_000;

/** The evaluation interval: 30 s, or HINDSIGHT_ALERT_INTERVAL_MS (the e2e server uses 1 s). */
export function alertIntervalMs(): number {
  const v = Number(process.env.HINDSIGHT_ALERT_INTERVAL_MS);
  return Number.isFinite(v) && v >= 100 ? v : 30_000;
}

export type AlertLoop = { isLeader: () => boolean; stop: () => Promise<void> };

/**
 * Evaluates every enabled rule every interval and sends due webhooks every second, on one leader
 * across all workers (a session advisory lock on a dedicated connection, as the rollup loop does).
 * Losing the connection ends the leadership; another worker takes over within a few seconds. The
 * engine itself is race-safe, so a brief overlap of two leaders writes nothing twice.
 */
export function startAlertLoop(databaseUrl: string, opts: { intervalMs?: number; log?: (line: string) => void } = {}): AlertLoop {
  const intervalMs = opts.intervalMs ?? alertIntervalMs();
  const log = opts.log ?? console.log;
  let stopped = false;
  let leader = false;
  let client: pg.Client | undefined;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const lead = async () => {
    client = new pg.Client({ ...poolConfigFromUrl(databaseUrl), application_name: "hindsight-alerts" });
    client.on("error", () => undefined); // surfaced by the next query, which ends this leadership
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [LOCK_KEY]);
    if (!rows[0].ok) return;
    leader = true;
    log(`[alerts] leading the alert loop (every ${intervalMs / 1000} s)`);
    let nextEvaluation = 0;
    while (!stopped) {
      if (Date.now() >= nextEvaluation) {
        nextEvaluation = Date.now() + intervalMs;
        const r = await evaluateRules();
        for (const e of r.errors) log(`[alerts] rule ${e.ruleId}: ${e.message}`);
        // The store-health panel's size history: one sample an hour, taken by whichever worker leads.
        await recordStoreSizeSample();
      }
      await sendDueWebhooks();
      await client.query("SELECT 1"); // a dead lock connection means leadership is gone: stop here
      if (!stopped) await sleep(Math.max(0, Math.min(SEND_POLL_MS, nextEvaluation - Date.now())));
    }
  };

  const done = (async () => {
    while (!stopped) {
      try {
        await lead();
      } catch (e) {
        if (!stopped) log(`[alerts] ${leader ? "leader stopped" : "could not lead"}: ${(e as Error).message}`);
      } finally {
        leader = false;
        await client?.end().catch(() => undefined);
        client = undefined;
      }
      if (!stopped) await sleep(STANDBY_RETRY_MS);
    }
  })();

  return {
    isLeader: () => leader,
    stop: async () => {
      stopped = true;
      wake?.();
      await done;
    },
  };
}
