import { toHindsightError, type HindsightError } from "./errors";
import type { SubscribedEvent } from "./types";

export type SubscribeOptions = {
  baseUrl: string;
  token: string;
  /** Start after this cursor (a `next` of readAll, or an event's `cursor`); the start of the log by default. */
  after?: string;
  category?: string;
  type?: string;
  /** Stops the iterator (it then returns normally). */
  signal?: AbortSignal;
  /** Pause before reconnecting after a dropped connection, in ms (default 250). */
  reconnectMs?: number;
  fetch?: typeof fetch;
};

const RETRIED = new Set([429, 502, 503, 504]);

/**
 * Follows `GET /api/v1/events/subscribe` (Server-Sent Events). A dropped connection is
 * reconnected with `Last-Event-ID` set to the last cursor delivered, so nothing is skipped or
 * repeated; a refusal (401, 403, a revoked token mid-stream) ends the iterator with its typed error.
 */
export async function* subscribe(opts: SubscribeOptions): AsyncGenerator<SubscribedEvent> {
  const doFetch = opts.fetch ?? globalThis.fetch;
  let cursor = opts.after;
  const q = new URLSearchParams();
  if (opts.category) q.set("category", opts.category);
  if (opts.type) q.set("type", opts.type);
  const url = `${opts.baseUrl.replace(/\/+$/, "")}/api/v1/events/subscribe${q.size ? `?${q}` : ""}`;
  while (!opts.signal?.aborted) {
    const headers: Record<string, string> = { authorization: `Bearer ${opts.token}`, accept: "text/event-stream" };
    if (cursor) headers["last-event-id"] = cursor;
    let res: Response;
    try {
      res = await doFetch(url, { headers, signal: opts.signal });
    } catch (e) {
      if (opts.signal?.aborted) return;
      await sleep(opts.reconnectMs ?? 250, e);
      continue;
    }
    if (!res.ok || !res.body) {
      const text = await res.text().catch(() => "");
      const error = toHindsightError(res.status, safeJson(text));
      if (!RETRIED.has(res.status)) throw error;
      await sleep(opts.reconnectMs ?? 250, error);
      continue;
    }
    try {
      for await (const frame of frames(res.body)) {
        if (frame.event === "error") throw toHindsightError(401, safeJson(frame.data));
        if (frame.event !== "event" || !frame.data) continue;
        const event = JSON.parse(frame.data) as SubscribedEvent;
        cursor = frame.id ?? cursor;
        event.cursor = cursor!;
        yield event;
      }
    } catch (e) {
      if ((e as HindsightError).code !== undefined && (e as HindsightError).status !== undefined) throw e;
      if (opts.signal?.aborted) return;
      // A dropped connection: reconnect below with Last-Event-ID.
    }
    await sleep(opts.reconnectMs ?? 250);
  }
}

type Frame = { id?: string; event: string; data: string };

/** The frames of an event stream, per the SSE format (fields per line, a blank line ends a frame). */
async function* frames(body: ReadableStream<Uint8Array>): AsyncGenerator<Frame> {
  const decoder = new TextDecoder();
  let buffer = "";
  let frame: Frame = { event: "message", data: "" };
  let hasData = false;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    // Lines are cut by index and the buffer trimmed once per chunk: slicing it per line is quadratic.
    let start = 0;
    let nl: number;
    while ((nl = buffer.indexOf("\n", start)) >= 0) {
      const line = buffer.charCodeAt(nl - 1) === 13 ? buffer.slice(start, nl - 1) : buffer.slice(start, nl);
      start = nl + 1;
      if (line === "") {
        if (hasData || frame.event !== "message") yield frame;
        frame = { event: "message", data: "" };
        hasData = false;
        continue;
      }
      if (line.charCodeAt(0) === 58) continue; // ":" starts a comment (heartbeats)
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.charCodeAt(colon + 1) === 32 ? line.slice(colon + 2) : line.slice(colon + 1);
      if (field === "data") {
        frame.data = hasData ? `${frame.data}\n${value}` : value;
        hasData = true;
      } else if (field === "event") frame.event = value;
      else if (field === "id") frame.id = value;
    }
    buffer = buffer.slice(start);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function sleep(ms: number, _why?: unknown): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
