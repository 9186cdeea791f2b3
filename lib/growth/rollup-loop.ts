import "server-only";
import pg from "pg";
import { poolConfigFromUrl } from "../db-config";
import { EVENTS_CHANNEL } from "../store/notify-appended";
import { updateRollups } from "./update-rollups";

const LOCK_KEY = "hindsight.rollups";
/** NOTIFY is the fast path; the poll catches events held back by a transaction that committed without one. */
const SAFETY_POLL_MS = 1_000;
const STANDBY_RETRY_MS = 5_000;

export type RollupLoop = { isLeader: () => boolean; stop: () => Promise<void> };

/**
 * Keeps the hourly rollups current: one leader across all workers (a session advisory lock held
 * on a dedicated connection, so it goes when the process or connection dies), woken by the
 * appenders' debounced NOTIFY and by a 1 s poll. Non-leaders retry for the lock every few seconds.
 */
export function startRollupLoop(databaseUrl: string, log: (line: string) => void = console.log): RollupLoop {
  let stopped = false;
  let leader = false;
  let client: pg.Client | undefined;
  let wake: (() => void) | undefined;
  let pending = true;
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
    client = new pg.Client({ ...poolConfigFromUrl(databaseUrl), application_name: "hindsight-rollups" });
    client.on("error", () => undefined); // surfaced by the next query, which ends this leadership
    client.on("notification", () => {
      pending = true;
      wake?.();
    });
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [LOCK_KEY]);
    if (!rows[0].ok) return;
    leader = true;
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    log("[rollups] leading the rollup loop");
    while (!stopped) {
      pending = false;
      await updateRollups();
      await client.query("SELECT 1"); // a dead lock connection means leadership is gone: stop here
      if (!pending && !stopped) await sleep(SAFETY_POLL_MS);
    }
  };

  const done = (async () => {
    while (!stopped) {
      try {
        await lead();
      } catch (e) {
        if (!stopped) log(`[rollups] ${leader ? "leader stopped" : "could not lead"}: ${(e as Error).message}`);
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
