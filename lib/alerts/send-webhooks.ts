import "server-only";
import { getPool } from "../db";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "./webhook-signature";
import { postWebhook, type PostOutcome } from "./post-webhook";
import { MissingWebhookSecretError, resolveWebhookSecret, type StoredSecret } from "./webhook-secret";
import { env } from "../env";

/** After this many attempts a delivery is given up as failed. */
export const MAX_WEBHOOK_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 3_600_000;
/** A claimed delivery whose sender died is retried after this lease. */
const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

/** Delay before attempt n+1 after n failed attempts: base × 2^(n-1), capped at an hour. */
export function webhookBackoffMs(failedAttempts: number, baseMs = env("HINDSIGHT_WEBHOOK_BACKOFF_MS")): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, failedAttempts - 1));
}

export type SendWebhooksOptions = { now?: Date; limit?: number; deliveryIds?: string[] };
export type SendWebhooksResult = { attempted: number; delivered: number; retrying: number; failed: number };

type Claimed = StoredSecret & { id: string; endpoint_id: string; url: string; event: string; body: string; attempts: number };

/**
 * Sends the outbox's due deliveries. Each is claimed by bumping its attempt counter and pushing
 * its next attempt a lease ahead (SKIP LOCKED, so senders never share one), then POSTed with its
 * signature; the outcome is written fenced on that attempt number, so a sender that outlived its
 * lease cannot overwrite a newer attempt's result. 2xx delivers; anything else retries with
 * exponential backoff until MAX_WEBHOOK_ATTEMPTS. The log keeps status, timing and an error class,
 * never the receiver's answer.
 */
export async function sendDueWebhooks(opts: SendWebhooksOptions = {}): Promise<SendWebhooksResult> {
  const now = opts.now ?? new Date();
  const pool = getPool();
  const { rows } = await pool.query<Claimed>(
    `WITH due AS (
       SELECT id FROM webhook_deliveries
        WHERE status = 'pending' AND next_attempt_at <= $1 AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))
        ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $1::timestamptz + make_interval(secs => $4)
         FROM due WHERE d.id = due.id
       RETURNING d.id, d.endpoint_id, d.event, d.body, d.attempts
     )
     SELECT c.*, e.url, e.secret_wrapped, e.master_key_id
       FROM claimed c JOIN webhook_endpoints e ON e.id = c.endpoint_id`,
    [now, opts.limit ?? 50, opts.deliveryIds ?? null, LEASE_MS / 1000],
  );
  const result: SendWebhooksResult = { attempted: rows.length, delivered: 0, retrying: 0, failed: 0 };
  await Promise.all(
    rows.map(async (d) => {
      const outcome = await post(d);
      const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
      const giveUp = !ok && d.attempts >= MAX_WEBHOOK_ATTEMPTS;
      const status = ok ? "delivered" : giveUp ? "failed" : "pending";
      const next = new Date(now.getTime() + webhookBackoffMs(d.attempts));
      await pool.query(
        `WITH upd AS (
           UPDATE webhook_deliveries SET status = $3, response_code = $4, last_error = $5,
                  next_attempt_at = $6, delivered_at = CASE WHEN $3 = 'delivered' THEN clock_timestamp() END
            WHERE id = $1 AND attempts = $2 AND status = 'pending'
         )
         INSERT INTO webhook_attempts (delivery_id, attempt, at, response_code, error, duration_ms) VALUES ($1, $2, clock_timestamp() - make_interval(secs => $7::float8 / 1000), $4, $5, $7)`,
        [d.id, d.attempts, status, outcome.status, outcome.error, next, outcome.ms],
      );
      if (ok) result.delivered++;
      else if (giveUp) result.failed++;
      else result.retrying++;
    }),
  );
  return result;
}

async function post(d: Claimed): Promise<PostOutcome> {
  let secret: string;
  try {
    secret = resolveWebhookSecret(d.endpoint_id, d);
  } catch (e) {
    if (e instanceof MissingWebhookSecretError) return { status: null, error: "needs_new_secret", ms: 0 };
    throw e;
  }
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = {
    "content-type": "application/json",
    "user-agent": "Hindsight-Webhooks/1",
    [SIGNATURE_HEADER]: signWebhook(secret, timestamp, d.body),
    [TIMESTAMP_HEADER]: timestamp,
    [DELIVERY_HEADER]: d.id,
    [EVENT_HEADER]: d.event,
  };
  return postWebhook(d.url, headers, d.body, TIMEOUT_MS);
}
