import { HindsightError, toHindsightError } from "./errors";
import { subscribe, type SubscribeOptions } from "./subscribe";
import type { AppendResult, ExpectedVersion, NewEvent, ReadAllResult, ReadStreamResult, SubscribedEvent } from "./types";

export type ClientOptions = {
  /** Where Hindsight runs, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** An API token (`npm run token` or Settings) with the scopes the calls need. */
  token: string;
  /** Attempts per call for network failures, 429 and 503 (default 4); refusals are never retried. */
  attempts?: number;
  /** First pause between attempts in ms, doubled each time (default 100). */
  backoffMs?: number;
  fetch?: typeof fetch;
};

export type AppendOptions = { expectedVersion?: ExpectedVersion; idempotencyKey?: string };
export type ReadStreamOptions = { fromVersion?: number; limit?: number; at?: string; raw?: boolean };
export type ReadAllOptions = { after?: string; limit?: number; category?: string; type?: string; wait?: number };

const RETRIED = new Set([429, 502, 503, 504]);

/** A client of one Hindsight server for one token. */
export class HindsightClient {
  readonly baseUrl: string;
  private readonly opts: Required<Omit<ClientOptions, "baseUrl">>;

  constructor(opts: ClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.opts = { attempts: 4, backoffMs: 100, fetch: globalThis.fetch, ...opts };
  }

  /**
   * Appends events to a stream. Every append carries an idempotency key (a fresh one unless
   * given), and retries send the same key, so a retry after a lost answer never writes twice.
   */
  async appendToStream(streamId: string, events: NewEvent[], opts: AppendOptions = {}): Promise<AppendResult> {
    const idempotencyKey = opts.idempotencyKey ?? crypto.randomUUID();
    const body = JSON.stringify({ expectedVersion: opts.expectedVersion, idempotencyKey, events });
    return this.request<AppendResult>("POST", `/api/v1/streams/${encodeURIComponent(streamId)}/events`, body);
  }

  /** A page of one stream's events in version order (`next` is the version the following page starts at). */
  async readStream(streamId: string, opts: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    return this.request<ReadStreamResult>("GET", `/api/v1/streams/${encodeURIComponent(streamId)}/events${query(opts)}`);
  }

  /** A page of the global log in log order; pass `next` back as `after`; `wait` (≤ 30 s) long-polls an empty page. */
  async readAll(opts: ReadAllOptions = {}): Promise<ReadAllResult> {
    return this.request<ReadAllResult>("GET", `/api/v1/events${query(opts)}`);
  }

  /**
   * The global log from `after` on, live: an async iterator that reconnects with Last-Event-ID
   * whenever the connection drops, so every event arrives once, in log order.
   */
  subscribe(opts: Omit<SubscribeOptions, "baseUrl" | "token" | "fetch"> = {}): AsyncGenerator<SubscribedEvent> {
    return subscribe({ ...opts, baseUrl: this.baseUrl, token: this.opts.token, fetch: this.opts.fetch });
  }

  private async request<T>(method: string, path: string, body?: string): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.opts.token}`, accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await this.opts.fetch(`${this.baseUrl}${path}`, { method, headers, body });
      } catch (e) {
        if (attempt >= this.opts.attempts) throw e;
        await pause(this.opts.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      const text = await res.text();
      const json = text ? JSON.parse(text) : null;
      if (res.ok) return json as T;
      const error = toHindsightError(res.status, json);
      if (!RETRIED.has(res.status) || attempt >= this.opts.attempts) throw error;
      await pause(retryAfterMs(res, error) ?? this.opts.backoffMs * 2 ** (attempt - 1));
    }
  }
}

function retryAfterMs(res: Response, _error: HindsightError): number | null {
  const s = Number(res.headers.get("retry-after"));
  return Number.isFinite(s) && s > 0 ? Math.min(s, 30) * 1000 : null;
}

function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
