import "server-only";
import { randomBytes } from "node:crypto";
import { getMasterKey, unwrapDataKey, wrapDataKey } from "../schema/master-key";

export type StoredSecret = { secret_wrapped: Buffer | null; master_key_id: string | null; secret_env: string | null };

/** A fresh signing secret: "whsec_" and 32 random bytes, base64url. Shown once, stored wrapped. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

// The endpoint id is the associated data: a wrapped secret copied to another endpoint does not open.
export function wrapWebhookSecret(secret: string, endpointId: string): { wrapped: Buffer; masterKeyId: string } {
  const master = getMasterKey();
  return { wrapped: wrapDataKey(Buffer.from(secret, "utf8"), master, `webhook:${endpointId}`), masterKeyId: master.id };
}

/** The endpoint's signing secret: unwrapped with the master key, or read from the named environment variable. */
export function resolveWebhookSecret(endpointId: string, stored: StoredSecret): string {
  if (stored.secret_env) {
    const value = process.env[stored.secret_env];
    if (!value) throw new Error(`the signing secret's environment variable ${stored.secret_env} is not set`);
    return value;
  }
  if (!stored.secret_wrapped) throw new Error("the endpoint has no signing secret");
  const master = getMasterKey();
  if (stored.master_key_id !== master.id) throw new Error(`the signing secret was wrapped by master key ${stored.master_key_id}, not the current one`);
  return unwrapDataKey(stored.secret_wrapped, master, `webhook:${endpointId}`).toString("utf8");
}
