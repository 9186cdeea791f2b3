import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";

/**
 * A signed record of the audit chain's head, kept outside the database: whoever can rewrite the
 * table cannot rewrite what was anchored before, and cannot sign a new anchor without the key.
 */
export type AuditAnchor = {
  version: 1;
  /** The newest entry's id when anchored (0 for an empty chain). */
  headId: number;
  headHash: string;
  /** When it was anchored, RFC 3339 UTC. */
  at: string;
  /** Which public key verifies it: the first 16 hex digits of the SHA-256 of its DER form. */
  keyId: string;
  /** Ed25519 over `anchorMessage`, base64. */
  signature: string;
};

/** The exact bytes that are signed: an auditor can rebuild them from the anchor's own fields. */
export function anchorMessage(a: Pick<AuditAnchor, "headId" | "headHash" | "at">): Buffer {
  return Buffer.from(`hindsight-audit-anchor/v1\n${a.headId}\n${a.headHash}\n${a.at}`, "utf8");
}

/** The key id of an Ed25519 public key (PEM or KeyObject). */
export function anchorKeyId(publicKey: string | KeyObject): string {
  const key = typeof publicKey === "string" ? createPublicKey(publicKey) : publicKey;
  return createHash("sha256").update(key.export({ type: "spki", format: "der" })).digest("hex").slice(0, 16);
}

/** Signs the head as of `at` with the private key. */
export function signAnchor(head: { id: number; hash: string }, at: string, privateKey: KeyObject): AuditAnchor {
  const fields = { headId: head.id, headHash: head.hash, at };
  return { version: 1, ...fields, keyId: anchorKeyId(createPublicKey(privateKey)), signature: sign(null, anchorMessage(fields), privateKey).toString("base64") };
}

/** Whether the public key (PEM text is all an auditor needs) signed exactly this anchor. */
export function verifyAnchor(anchor: AuditAnchor, publicKeyPem: string): boolean {
  try {
    return verify(null, anchorMessage(anchor), createPublicKey(publicKeyPem), Buffer.from(anchor.signature, "base64"));
  } catch {
    return false;
  }
}
