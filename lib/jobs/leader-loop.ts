import "server-only";
import pg from "pg";
import { poolConfigFromUrl } from "../db-config";

const STANDBY_RETRY_MS = 5_000;

export type LeaderLoop = { isLeader: () => boolean; stop: () => Promise<void> };

/** What a pass of the leader's work sees. */
export type LeaderPass = {
  /** Whether a NOTIFY arrived since the last call (and clears it). */
  takeWoken: () => boolean;
  /** Sleeps up to `ms`, or until a NOTIFY or stop wakes it. */
  sleep: (ms: number) => Promise<void>;
  isStopped: () => boolean;
};

export type LeaderLoopOptions = {
  databaseUrl: string;
  /** The advisory-lock key (hashed) and the loop's name in logs and pg_stat_activity. */
  name: string;
  lockKey: string;
  /** NOTIFY channels that wake the leader early. */
  listen?: string[];
  log?: (line: string) => void;
  /** Runs once per pass while leading; the lock connection is checked between passes. */
  pass: (p: LeaderPass) => Promise<void>;
  /** Said once when leadership is taken. */
  leadingMessage?: string;
};

/**
 * A long-lived loop with one leader across all workers (DESIGN: continuous loops, not cron): a
 * session advisory lock held on a dedicated connection, so leadership goes when the process or
 * its connection dies, and standbys retry for the lock every few seconds. The leader runs `pass`
 * over and over, woken early by NOTIFY on the given channels.
 */
export function startLeaderLoop(opts: LeaderLoopOptions): LeaderLoop {
  const log = opts.log ?? console.log;
  let stopped = false;
  let leader = false;
  let client: pg.Client | undefined;
  let wake: (() => void) | undefined;
  let woken = true;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  const pass: LeaderPass = {
    takeWoken: () => {
      const was = woken;
      woken = false;
      return was;
    },
    sleep,
    isStopped: () => stopped,
  };

  const lead = async () => {
    client = new pg.Client({ ...poolConfigFromUrl(opts.databaseUrl), application_name: `hindsight-${opts.name}` });
    client.on("error", () => undefined); // surfaced by the next query, which ends this leadership
    client.on("notification", () => {
      woken = true;
      wake?.();
    });
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [opts.lockKey]);
    if (!rows[0].ok) return;
    leader = true;
    for (const channel of opts.listen ?? []) await client.query(`LISTEN ${channel}`);
    log(`[${opts.name}] ${opts.leadingMessage ?? `leading the ${opts.name} loop`}`);
    while (!stopped) {
      await opts.pass(pass);
      await client.query("SELECT 1"); // a dead lock connection means leadership is gone: stop here
    }
  };

  const done = (async () => {
    while (!stopped) {
      try {
        await lead();
      } catch (e) {
        if (!stopped) log(`[${opts.name}] ${leader ? "leader stopped" : "could not lead"}: ${(e as Error).message}`);
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
