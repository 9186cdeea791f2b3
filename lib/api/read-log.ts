import "server-only";
import { z } from "zod";
import type { Caller } from "../auth/caller";
import type { ApiAnswer } from "../http/api-answer";
import { appendSeq, LOG_POLL_MS, waitForAppend } from "../store/log-waker";
import { decodeCursor } from "../store/log-cursor";
import { readAll } from "../store/read-all";

/** The longest a long poll (`?wait=`) holds a request open. */
export const MAX_WAIT_SECONDS = 30;

const query = z.object({
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  category: z.string().max(200).optional(),
  type: z.string().max(200).optional(),
  wait: z.coerce.number().min(0).max(MAX_WAIT_SECONDS).optional(),
});

/**
 * GET /api/v1/events, after authorization, for both transports: a page of the global log, and with
 * `wait` an empty page is held back until an event arrives or the wait ends (long polling).
 */
export async function readLog(call: { query: URLSearchParams; caller: Caller; signal?: AbortSignal }): Promise<ApiAnswer> {
  const q = query.parse(Object.fromEntries(call.query));
  const after = q.after ? decodeCursor(q.after) : undefined;
  const deadline = Date.now() + (q.wait ?? 0) * 1000;
  for (;;) {
    const seen = appendSeq();
    const page = await readAll({ after, limit: q.limit, category: q.category, type: q.type, pii: call.caller.pii });
    const left = deadline - Date.now();
    if (page.events.length > 0 || left <= 0 || call.signal?.aborted) return { status: 200, body: { events: page.events, next: page.next } };
    await waitForAppend(Math.min(left, LOG_POLL_MS), call.signal, seen);
  }
}
