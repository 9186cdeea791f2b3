import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-hindsight-signature";
export const TIMESTAMP_HEADER = "x-hindsight-timestamp";

export type VerifyWebhookOptions = {
  /** The webhook's signing secret, as shown once in Settings. */
  secret: string;
  /** The raw request body, exactly as received (before any JSON parsing). */
  body: string | Buffer;
  /** The request's headers (node:http's IncomingHttpHeaders or a fetch Headers). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** Refuse deliveries signed longer ago than this (default 300 s): a replayed old request fails. */
  toleranceSeconds?: number;
  now?: Date;
};

/**
 * Whether a webhook delivery really comes from Hindsight: `x-hindsight-signature` must be
 * `sha256=` HMAC-SHA256(secret, "<x-hindsight-timestamp>.<raw body>"), compared in constant
 * time, and the timestamp recent.
 */
export function verifyWebhookSignature(opts: VerifyWebhookOptions): boolean {
  const signature = header(opts.headers, SIGNATURE_HEADER);
  const timestamp = header(opts.headers, TIMESTAMP_HEADER);
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  const age = Math.abs((opts.now ?? new Date()).getTime() / 1000 - Number(timestamp));
  if (age > (opts.toleranceSeconds ?? 300)) return false;
  const body = typeof opts.body === "string" ? opts.body : opts.body.toString("utf8");
  const expected = Buffer.from(`sha256=${createHmac("sha256", opts.secret).update(`${timestamp}.${body}`).digest("hex")}`);
  const got = Buffer.from(signature);
  return expected.length === got.length && timingSafeEqual(expected, got);
}

function header(h: VerifyWebhookOptions["headers"], name: string): string | null {
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name);
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}
