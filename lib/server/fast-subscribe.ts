import "server-only";
import type { ServerResponse } from "node:http";
import { openSubscription } from "../api/subscribe-log";
import { bearerToken } from "../auth/caller";
import { authenticateToken } from "../auth/token-auth";
import { fastApiRoute } from "./fast-api-route";
import { closedSignal } from "./node-io";
import { env } from "../env";

/** How long a subscriber may leave written frames unread before its stream is closed. */
const slowConsumerMs = () => env("HINDSIGHT_SSE_SLOW_MS");

/** The headers of an event stream: never cached, never compressed or buffered by a proxy. */
export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-store, no-transform",
  "X-Accel-Buffering": "no",
};

/**
 * GET /api/v1/events/subscribe on node:http: frames are written as the reader pulls them, and the
 * reader waits for 'drain' whenever write() says the socket buffer is full, so a slow consumer
 * holds back at most one page; one that reads nothing for HINDSIGHT_SSE_SLOW_MS is cut off.
 */
export const fastSubscribe = fastApiRoute({
  method: "GET",
  path: /^\/api\/v1\/events\/subscribe$/,
  permission: "events.read",
  run: async ({ req, res, url, caller }) => {
    const signal = closedSignal(req, res);
    const raw = bearerToken(req.headers.authorization ?? "", null);
    const lastEventId = req.headers["last-event-id"];
    const frames = openSubscription({
      query: url.searchParams,
      lastEventId: typeof lastEventId === "string" ? lastEventId : null,
      caller,
      recheck: () => authenticateToken(raw, null),
      signal,
    });
    res.writeHead(200, SSE_HEADERS);
    req.socket.setNoDelay(true);
    void pump(frames, res, signal);
    return "streaming";
  },
});

async function pump(frames: AsyncGenerator<string>, res: ServerResponse, signal: AbortSignal): Promise<void> {
  try {
    for await (const frame of frames) {
      if (signal.aborted) break;
      if (!res.write(frame) && !(await drained(res, signal))) {
        res.destroy();
        break;
      }
    }
  } catch (e) {
    console.error("[subscribe] stream ended by an error:", (e as Error).message);
  } finally {
    await frames.return(undefined);
    if (!res.destroyed) res.end();
  }
}

function drained(res: ServerResponse, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      res.off("drain", onDrain);
      signal.removeEventListener("abort", onAbort);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(false), slowConsumerMs());
    res.once("drain", onDrain);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
