import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** How a PII value rests: `{"$pii": "<subject>:<keyId>:<iv>:<ciphertext>:<tag>"}` (AES-256-GCM, base64url parts). */
export type Envelope = { $pii: string };

export type ParsedEnvelope = { subject: string; keyId: string; iv: Buffer; ciphertext: Buffer; tag: Buffer };

export function isEnvelope(value: unknown): value is Envelope {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as Envelope).$pii === "string"
  );
}

export function parseEnvelope(envelope: Envelope): ParsedEnvelope | null {
  const parts = envelope.$pii.split(":");
  if (parts.length !== 5) return null;
  const [subject, keyId, iv, ciphertext, tag] = parts;
  return { subject, keyId, iv: Buffer.from(iv, "base64url"), ciphertext: Buffer.from(ciphertext, "base64url"), tag: Buffer.from(tag, "base64url") };
}

// The subject and key id are bound into the tag: an envelope moved to another subject fails to open.
const aad = (subject: string, keyId: string) => Buffer.from(`${subject}:${keyId}`, "utf8");

/** Encrypts one JSON value for a subject under its data key. */
export function sealValue(value: unknown, subject: string, keyId: string, key: Buffer): Envelope {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(subject, keyId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return { $pii: [subject, keyId, iv.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(":") };
}

/** Decrypts an envelope; throws when the key is wrong or the envelope was altered. */
export function openValue(parsed: ParsedEnvelope, key: Buffer): unknown {
  const decipher = createDecipheriv("aes-256-gcm", key, parsed.iv);
  decipher.setAAD(aad(parsed.subject, parsed.keyId));
  decipher.setAuthTag(parsed.tag);
  const plaintext = Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]);
  return JSON.parse(plaintext.toString("utf8"));
}
