import "server-only";
import type { Actor } from "../audit/actor";
import { appendAudit } from "../audit/append-audit";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { sendDueWebhooks } from "./send-webhooks";
import { generateWebhookSecret, wrapWebhookSecret } from "./webhook-secret";

export type CreateWebhookInput = { name: string; url: string; /** Read the secret from this environment variable instead of generating one. */ secretEnv?: string; actor: Actor };

/**
 * Adds a webhook endpoint. Unless the secret comes from an environment variable, a fresh one is
 * generated, stored wrapped by the master key, and returned this once for the receiver's config.
 */
export async function createWebhook(input: CreateWebhookInput): Promise<{ id: string; secret: string | null }> {
  return inTransaction(async (client) => {
    const { rows } = await client.query<{ id: string }>("SELECT gen_random_uuid() AS id");
    const id = rows[0].id;
    const secret = input.secretEnv ? null : generateWebhookSecret();
    const wrapped = secret ? wrapWebhookSecret(secret, id) : null;
    await client.query(
      "INSERT INTO webhook_endpoints (id, name, url, secret_wrapped, master_key_id, secret_env, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      [id, input.name, input.url, wrapped?.wrapped ?? null, wrapped?.masterKeyId ?? null, input.secretEnv ?? null, input.actor.label],
    );
    await appendAudit(client, { actor: input.actor, action: "webhook.created", target: `webhook:${input.name}`, details: { id, url: input.url, secret: input.secretEnv ? `env:${input.secretEnv}` : "generated" } });
    return { id, secret };
  });
}

/** Removes an endpoint and its delivery log. */
export async function deleteWebhook(input: { id: string; actor: Actor }): Promise<void> {
  await inTransaction(async (client) => {
    const { rows } = await client.query<{ name: string; url: string }>("DELETE FROM webhook_endpoints WHERE id = $1 RETURNING name, url", [input.id]);
    if (!rows[0]) throw new AppError("not_found", "that webhook no longer exists");
    await appendAudit(client, { actor: input.actor, action: "webhook.deleted", target: `webhook:${rows[0].name}`, details: { id: input.id, url: rows[0].url } });
  });
}

export type TestSendResult = { deliveryId: string; status: "delivered" | "pending" | "failed"; responseCode: number | null; error: string | null };

/** Sends a signed `test` delivery now (retried like any other if it fails) and reports the first attempt. */
export async function sendTestWebhook(input: { id: string; actor: Actor }): Promise<TestSendResult> {
  const deliveryId = await inTransaction(async (client) => {
    const { rows } = await client.query<{ id: string; name: string }>(
      `WITH d AS (SELECT gen_random_uuid() AS id)
       INSERT INTO webhook_deliveries (id, endpoint_id, event, body)
       SELECT d.id, e.id, 'test', jsonb_build_object('deliveryId', d.id, 'event', 'test', 'occurredAt', now(), 'endpoint', e.name, 'message', 'A test delivery from Hindsight')::text
         FROM webhook_endpoints e, d WHERE e.id = $1
       RETURNING id, (SELECT name FROM webhook_endpoints WHERE id = $1) AS name`,
      [input.id],
    );
    if (!rows[0]) throw new AppError("not_found", "that webhook no longer exists");
    await appendAudit(client, { actor: input.actor, action: "webhook.test_sent", target: `webhook:${rows[0].name}`, details: { id: input.id, deliveryId: rows[0].id } });
    return rows[0].id;
  });
  await sendDueWebhooks({ deliveryIds: [deliveryId] });
  const { rows } = await getPool().query<{ status: TestSendResult["status"]; response_code: number | null; last_error: string | null }>(
    "SELECT status, response_code, last_error FROM webhook_deliveries WHERE id = $1",
    [deliveryId],
  );
  return { deliveryId, status: rows[0].status, responseCode: rows[0].response_code, error: rows[0].last_error };
}
