import "server-only";
import { getPool } from "../db";

/** The channel log followers (rollups, projections, alerts, subscriptions) LISTEN on. */
export const EVENTS_CHANNEL = "hindsight_events";

const THROTTLE_MS = 50;
let timer: NodeJS.Timeout | undefined;
let pending = false;
const localListeners = new Set<() => void>();

/**
 * Wakes log followers after appends: at most one NOTIFY per 50 ms per process, the first one at
 * once (a quiet store wakes subscribers without delay) and one at the end of each busy window,
 * sent outside the append's transaction (a NOTIFY inside it would serialise every commit on the
 * notify queue). Followers in this process are woken directly. Followers also poll, so a lost
 * notification only delays them.
 */
export function notifyAppended(): void {
  for (const fn of localListeners) fn();
  if (timer) {
    pending = true;
    return;
  }
  // The pool of the append, not whatever getPool() returns later: after closeDb() it must not reopen one.
  const pool = getPool();
  const send = () => void pool.query(`SELECT pg_notify('${EVENTS_CHANNEL}', '')`).catch(() => undefined);
  send();
  const tick = () => {
    if (!pending) {
      timer = undefined;
      return;
    }
    pending = false;
    send();
    timer = setTimeout(tick, THROTTLE_MS);
    timer.unref();
  };
  timer = setTimeout(tick, THROTTLE_MS);
  timer.unref();
}

/** Runs `fn` right after every append this process makes (the log waker's in-process path). */
export function onLocalAppend(fn: () => void): () => void {
  localListeners.add(fn);
  return () => void localListeners.delete(fn);
}
