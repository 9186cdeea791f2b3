import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { getMasterKey, unwrapDataKey, wrapDataKey } from "../schema/master-key";

// knownValues (an e-mail to search for) are the one plaintext an erasure request must keep until
// verification: they rest sealed under a key of the request itself, wrapped by the master key, and
// completion destroys that key. Certificates and the audit log only ever see their hashes.

/** What the wrapping binds the request key to: a key moved to another request fails to unwrap. */
export const requestKeyLabel = (requestId: string) => `erasure-request:${requestId}`;

export type SealedValues = { sealed: Buffer; wrappedKey: Buffer; masterKeyId: string; hashes: string[] };

/** sha256 of a known value, trimmed and lower-cased so "Ann@Example.org " and "ann@example.org" agree. */
export function knownValueHash(value: string): string {
  return createHash("sha256").update(normaliseKnownValue(value), "utf8").digest("hex");
}

export function normaliseKnownValue(value: string): string {
  return value.trim().toLowerCase();
}

/** Seals the values under a fresh request key: iv (12) ‖ tag (16) ‖ ciphertext. */
export function sealKnownValues(requestId: string, values: string[]): SealedValues {
  const master = getMasterKey();
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(requestKeyLabel(requestId), "utf8"));
  const ct = Buffer.concat([cipher.update(JSON.stringify(values), "utf8"), cipher.final()]);
  return {
    sealed: Buffer.concat([iv, cipher.getAuthTag(), ct]),
    wrappedKey: wrapDataKey(key, master, requestKeyLabel(requestId)),
    masterKeyId: master.id,
    hashes: values.map(knownValueHash),
  };
}

/** Opens the values while the request key exists. */
export function openKnownValues(requestId: string, sealed: Buffer, wrappedKey: Buffer): string[] {
  const key = unwrapDataKey(wrappedKey, getMasterKey(), requestKeyLabel(requestId));
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(requestKeyLabel(requestId), "utf8"));
  decipher.setAuthTag(sealed.subarray(12, 28));
  const plain = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  return JSON.parse(plain.toString("utf8")) as string[];
}
