import "server-only";
import { z } from "zod";
import type { Caller } from "../auth/caller";
import { authRecheckMs, onAuthChange } from "../auth/token-cache";
import { getPool } from "../db";
import { AppError, isAppError } from "../errors";
import { runSql } from "../sql/typed-sql";
import { toEventViews, type EventRow } from "../store/event-view";
import { decodeCursor, encodeCursor, LOG_START, type LogPosition } from "../store/log-cursor";
import { appendSeq, LOG_POLL_MS, waitForAppend } from "../store/log-waker";
import { readLogSql } from "../store/read-all";
import { env } from "../env";

/** How long an idle stream waits before a heartbeat comment, so proxies keep it open. */
const heartbeatMs = () => env("HINDSIGHT_SSE_HEARTBEAT_MS");
const PAGE = 1000;

const query = z.object({
  after: z.string().max(200).optional(),
  category: z.string().max(200).optional(),
  type: z.string().max(200).optional(),
});

export type SubscriptionCall = {
  query: URLSearchParams;
  /** The `Last-Event-ID` header of a reconnecting EventSource: it wins over `after`. */
  lastEventId: string | null;
  caller: Caller;
  /** Authenticates the caller again, uncached; throws when their rights ended. */
  recheck: () => Promise<Caller>;
  signal: AbortSignal;
};

/**
 * GET /api/v1/events/subscribe for both transports: validates the request (throwing before any
 * byte is sent) and returns the Server-Sent Events frames of the global log from the cursor on,
 * in log order and gap-safe (the read-all predicate), each event's id its cursor. The frames are
 * pulled: a transport that waits for a slow consumer holds the reader back, so nothing piles up.
 */
export function openSubscription(call: SubscriptionCall): AsyncGenerator<string> {
  const q = query.parse(Object.fromEntries(call.query));
  const cursor = call.lastEventId?.trim() || q.after;
  const after = cursor ? decodeCursor(cursor) : LOG_START;
  return frames({ ...call, after, category: q.category ?? null, type: q.type ?? null });
}

async function* frames(s: SubscriptionCall & { after: LogPosition; category: string | null; type: string | null }): AsyncGenerator<string> {
  let caller = s.caller;
  let after = s.after;
  let changed = false;
  let checkedAt = Date.now();
  let lastWrite = Date.now();
  let wake = new AbortController();
  // While one full page is rendered and written, the next is already being read: catching up
  // overlaps the database with the socket instead of taking turns.
  let ahead: { seen: number; rows: Promise<EventRow[]> } | undefined;
  const readPage = (from: LogPosition) => {
    const seen = appendSeq();
    const rows = runSql(getPool(), readLogSql, [from.txId, from.position, PAGE, s.category, s.type]).then((r) => r.rows);
    rows.catch(() => {}); // a page read ahead and then dropped (the stream ended) must not go unhandled
    return { seen, rows };
  };
  const stop = onAuthChange(() => {
    changed = true;
    wake.abort();
  });
  try {
    yield `retry: 1000\n: subscribed\n\n`;
    while (!s.signal.aborted) {
      if (changed || Date.now() - checkedAt > authRecheckMs()) {
        changed = false;
        checkedAt = Date.now();
        try {
          caller = await s.recheck();
          if (!caller.permissions.has("events.read")) throw new AppError("forbidden", "the caller may no longer read events");
        } catch (e) {
          // The rights behind this stream ended (revoked, disabled, signed out): say why and close.
          const error = isAppError(e) ? { code: e.code, message: e.message } : { code: "internal_error", message: "the caller could not be checked again" };
          yield `event: error\ndata: ${JSON.stringify({ error })}\n\n`;
          return;
        }
      }
      const page = ahead ?? readPage(after);
      ahead = undefined;
      const { seen } = page;
      const rows = await page.rows;
      if (rows.length > 0) {
        const last = rows[rows.length - 1];
        if (rows.length === PAGE) ahead = readPage({ txId: last.tx_id, position: last.global_position });
        const views = await toEventViews(rows, { pii: caller.pii });
        let frame = "";
        for (let i = 0; i < rows.length; i++) {
          const id = encodeCursor({ txId: rows[i].tx_id, position: rows[i].global_position });
          frame += `id: ${id}\nevent: event\ndata: ${JSON.stringify(views[i])}\n\n`;
        }
        after = { txId: last.tx_id, position: last.global_position };
        lastWrite = Date.now();
        yield frame;
        if (rows.length === PAGE) continue;
      }
      const quiet = Date.now() - lastWrite;
      if (quiet >= heartbeatMs()) {
        lastWrite = Date.now();
        yield `: heartbeat\n\n`;
        continue;
      }
      if (wake.signal.aborted) wake = new AbortController();
      await waitForAppend(Math.min(LOG_POLL_MS, heartbeatMs() - quiet), AbortSignal.any([s.signal, wake.signal]), seen);
    }
  } finally {
    stop();
  }
}
