import "server-only";
import { randomBytes } from "node:crypto";
import { getMasterKey, unwrapDataKey, wrapDataKey, type MasterKey } from "../schema/master-key";

export type StoredSecret = { secret_wrapped: Buffer | null; master_key_id: string | null };

/** A fresh signing secret: "whsec_" and 32 random bytes, base64url. Shown once, stored wrapped. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** The associated data of an endpoint's wrapped secret: a wrapped secret copied to another endpoint does not open. */
export function webhookSecretLabel(endpointId: string): string {
  return `webhook:${endpointId}`;
}

export function wrapWebhookSecret(secret: string, endpointId: string, master: MasterKey = getMasterKey()): { wrapped: Buffer; masterKeyId: string } {
  return { wrapped: wrapDataKey(Buffer.from(secret, "utf8"), master, webhookSecretLabel(endpointId)), masterKeyId: master.id };
}

/** What the console shows of a secret: its last four characters. */
export function secretHint(secret: string): string {
  return secret.slice(-4);
}

/** An endpoint without a sealed secret (one of release 0.1.0 that named an environment variable): it signs nothing until given one. */
export class MissingWebhookSecretError extends Error {
  constructor() {
    super("the endpoint needs a new signing secret");
  }
}

/** The endpoint's signing secret, unwrapped with the master key. Environment variables are never read. */
export function resolveWebhookSecret(endpointId: string, stored: StoredSecret): string {
  if (!stored.secret_wrapped) throw new MissingWebhookSecretError();
  const master = getMasterKey();
  if (stored.master_key_id !== master.id) throw new Error(`the signing secret was wrapped by master key ${stored.master_key_id}, not the current one`);
  return unwrapDataKey(stored.secret_wrapped, master, webhookSecretLabel(endpointId)).toString("utf8");
}
