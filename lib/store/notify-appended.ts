import "server-only";
import { getPool } from "../db";

/** The channel log followers (rollups, later projections and alerts) LISTEN on. */
export const EVENTS_CHANNEL = "hindsight_events";

const DEBOUNCE_MS = 50;
let scheduled = false;

/**
 * Wakes log followers after appends: at most one NOTIFY per 50 ms per process, sent outside the
 * append's transaction (a NOTIFY inside it would serialise every commit on the notify queue).
 * Followers also poll, so a lost notification only delays them.
 */
export function notifyAppended(): void {
  if (scheduled) return;
  scheduled = true;
  // The pool of the append, not whatever getPool() returns later: after closeDb() it must not reopen one.
  const pool = getPool();
  const timer = setTimeout(() => {
    scheduled = false;
    pool
      .query(`SELECT pg_notify('${EVENTS_CHANNEL}', '')`)
      .catch(() => undefined);
  }, DEBOUNCE_MS);
  timer.unref();
}
