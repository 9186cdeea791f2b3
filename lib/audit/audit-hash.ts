import { createHash } from "node:crypto";
import { canonicalJson } from "../json";

/** The prev_hash of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** The fields of an entry that its hash covers (everything but the id, which the database assigns). */
export type HashedEntry = {
  /** UTC, microseconds: `2026-11-26T11:42:07.123456Z`. */
  at: string;
  actorId: string;
  actorLabel: string;
  action: string;
  target: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
};

/** sha256(prev_hash ‖ canonical JSON of the entry), hex: changing any field or any earlier entry changes it. */
export function auditHash(prevHash: string, entry: HashedEntry): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(entry)).digest("hex");
}
