import "server-only";
import type { Actor } from "../audit/actor";
import { appendAudit } from "../audit/append-audit";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { prismaOn } from "../prisma-on";
import { orNotFound } from "../prisma-errors";
import { transactionNow } from "../prisma-time";
import { sendDueWebhooks } from "./send-webhooks";
import { generateWebhookSecret, secretHint, wrapWebhookSecret } from "./webhook-secret";
import { assertWebhookUrl } from "./webhook-target";

export type CreateWebhookInput = {
  name: string;
  url: string;
  /** The receiver's signing secret, entered once; without it one is generated and returned once. */
  secret?: string;
  actor: Actor;
};

/** Entered secrets must be worth the name: at least 16 characters, at most 200. */
export function assertSecretStrength(secret: string): void {
  if (secret.length < 16 || secret.length > 200) throw new AppError("validation_failed", "a signing secret is 16 to 200 characters", { field: "secret" });
}

/**
 * Adds a webhook endpoint: the URL is checked (no private or metadata addresses unless the host is
 * allow-listed), and its signing secret, entered or generated, is stored sealed under the master
 * key. A generated secret is returned this once; an entered one never comes back.
 */
export async function createWebhook(input: CreateWebhookInput): Promise<{ id: string; secret: string | null }> {
  await assertWebhookUrl(input.url);
  if (input.secret !== undefined) assertSecretStrength(input.secret);
  const secret = input.secret ?? generateWebhookSecret();
  return inTransaction(async (client) => {
    const { rows } = await client.query<{ id: string }>("SELECT gen_random_uuid() AS id");
    const id = rows[0].id;
    const wrapped = wrapWebhookSecret(secret, id);
    await prismaOn(client).webhookEndpoint.create({
      data: { id, name: input.name, url: input.url, secretWrapped: new Uint8Array(wrapped.wrapped), masterKeyId: wrapped.masterKeyId, secretHint: secretHint(secret), createdBy: input.actor.label },
    });
    await appendAudit(client, { actor: input.actor, action: "webhook.created", target: `webhook:${input.name}`, details: { id, url: input.url, secret: input.secret === undefined ? "generated" : "entered" } });
    return { id, secret: input.secret === undefined ? secret : null };
  });
}

/**
 * Gives an endpoint a new signing secret (entered, or generated and returned once), sealed under
 * the master key; the old one stops signing at once. Audited, without the secret.
 */
export async function rotateWebhookSecret(input: { id: string; secret?: string; actor: Actor }): Promise<{ secret: string | null }> {
  if (input.secret !== undefined) assertSecretStrength(input.secret);
  const secret = input.secret ?? generateWebhookSecret();
  return inTransaction(async (client) => {
    const wrapped = wrapWebhookSecret(secret, input.id);
    // The row lock stays SQL (Prisma has none): it makes "had an environment variable" the value this update replaces.
    const old = await client.query<{ had_env: boolean }>("SELECT secret_env IS NOT NULL AS had_env FROM webhook_endpoints WHERE id = $1 FOR UPDATE", [input.id]);
    if (!old.rows[0]) throw new AppError("not_found", "that webhook no longer exists");
    const endpoint = await prismaOn(client).webhookEndpoint.update({
      where: { id: input.id },
      data: { secretWrapped: new Uint8Array(wrapped.wrapped), masterKeyId: wrapped.masterKeyId, secretHint: secretHint(secret), secretEnv: null, secretRotatedAt: await transactionNow(client) },
      select: { name: true },
    });
    await appendAudit(client, {
      actor: input.actor,
      action: "webhook.secret_rotated",
      target: `webhook:${endpoint.name}`,
      details: { id: input.id, secret: input.secret === undefined ? "generated" : "entered", ...(old.rows[0].had_env ? { replaced: "environment variable name (release 0.1.0)" } : {}) },
    });
    return { secret: input.secret === undefined ? secret : null };
  });
}

/** Removes an endpoint and its delivery log. */
export async function deleteWebhook(input: { id: string; actor: Actor }): Promise<void> {
  await inTransaction(async (client) => {
    const endpoint = await prismaOn(client).webhookEndpoint.delete({ where: { id: input.id }, select: { name: true, url: true } }).catch(orNotFound);
    if (!endpoint) throw new AppError("not_found", "that webhook no longer exists");
    await appendAudit(client, { actor: input.actor, action: "webhook.deleted", target: `webhook:${endpoint.name}`, details: { id: input.id, url: endpoint.url } });
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
