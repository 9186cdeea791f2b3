import { createHmac } from "node:crypto";

// The sender's side; receivers check deliveries with verifyWebhookSignature from @hindsight/client (packages/client).

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
