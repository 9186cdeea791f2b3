import { createHmac, timingSafeEqual } from "node:crypto";

// Pure helpers, shared by the sender and by anyone writing a receiver (see the webhook test).

export const SIGNATURE_HEADER = "x-hindsight-signature";
export const TIMESTAMP_HEADER = "x-hindsight-timestamp";
export const DELIVERY_HEADER = "x-hindsight-delivery";
export const EVENT_HEADER = "x-hindsight-event";

/**
 * `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<raw body>"): the timestamp is signed too, so
 * a receiver can refuse an old request replayed with its original signature.
 */
export function signWebhook(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}

/** Checks a received signature in constant time. */
export function verifyWebhookSignature(secret: string, timestamp: string, rawBody: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const got = Buffer.from(signature);
  return expected.length === got.length && timingSafeEqual(expected, got);
}
