import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { env } from "../env";

export type MasterKey = { id: string; key: Buffer };

let cached: { raw: string; master: MasterKey } | undefined;

/** The master key from HINDSIGHT_MASTER_KEY (32 bytes, base64). It wraps every subject's data key. */
export function getMasterKey(): MasterKey {
  const raw = env("HINDSIGHT_MASTER_KEY");
  if (!raw) throw new Error("HINDSIGHT_MASTER_KEY is not set (npm start generates one into .data/ for the embedded default)");
  if (cached?.raw === raw) return cached.master;
  const key = Buffer.from(raw, "base64");
  if (key.length !== 32) throw new Error("HINDSIGHT_MASTER_KEY must be 32 bytes, base64-encoded");
  const master = { id: createHash("sha256").update(key).digest("hex").slice(0, 12), key };
  cached = { raw, master };
  return master;
}

/** A master key from its base64 text (the same checks as HINDSIGHT_MASTER_KEY); rotation holds two at once. */
export function masterKeyFrom(raw: string): MasterKey {
  const key = Buffer.from(raw, "base64");
  if (key.length !== 32) throw new Error("a master key must be 32 bytes, base64-encoded");
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 12), key };
}

/** A fresh master key, base64 (what `npm start` writes into .data/secrets.json on first run). */
export function generateMasterKey(): string {
  return randomBytes(32).toString("base64");
}

/** Wraps a data key: iv (12) ‖ tag (16) ‖ ciphertext (32). */
export function wrapDataKey(dataKey: Buffer, master: MasterKey, subject: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", master.key, iv);
  cipher.setAAD(Buffer.from(subject, "utf8"));
  const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

export function unwrapDataKey(wrapped: Buffer, master: MasterKey, subject: string): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", master.key, wrapped.subarray(0, 12));
  decipher.setAAD(Buffer.from(subject, "utf8"));
  decipher.setAuthTag(wrapped.subarray(12, 28));
  return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
}

/**
 * A keyed hash for values that must be compared but not read back (idempotency request hashes):
 * without the master key nobody can confirm a guessed plaintext against it.
 */
export function keyedHash(value: string): string {
  return createHmac("sha256", getMasterKey().key).update("hindsight.hash:").update(value).digest("hex");
}
