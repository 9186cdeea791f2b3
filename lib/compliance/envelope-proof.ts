import "server-only";
import type pg from "pg";
import { isEnvelope, openValue, parseEnvelope } from "../schema/envelope";
import { getMasterKey, unwrapDataKey } from "../schema/master-key";

/** The subject's data key as the database holds it now (no process cache): null once destroyed. */
export async function loadKeyForProof(db: pg.Pool | pg.ClientBase, subjectId: string): Promise<{ keyId: string; key: Buffer } | null> {
  const { rows } = await db.query<{ key_id: string; wrapped_key: Buffer | null; status: string }>(
    "SELECT key_id, wrapped_key, status FROM subject_keys WHERE subject_id = $1",
    [subjectId],
  );
  const row = rows[0];
  if (!row || row.status !== "active" || !row.wrapped_key) return null;
  return { keyId: row.key_id, key: unwrapDataKey(row.wrapped_key, getMasterKey(), subjectId) };
}

/**
 * Counts the subject's envelopes anywhere in `value` and how many of them open with `key`
 * (the proof after erasure: none may).
 */
export function tallyEnvelopes(value: unknown, subjectId: string, key: { keyId: string; key: Buffer } | null, into: { envelopes: number; decryptable: number }): void {
  if (isEnvelope(value)) {
    const parsed = parseEnvelope(value);
    if (!parsed || parsed.subject !== subjectId) return;
    into.envelopes++;
    if (!key || parsed.keyId !== key.keyId) return;
    try {
      openValue(parsed, key.key);
      into.decryptable++;
    } catch {
      // Fails to open: exactly what erasure wants.
    }
  } else if (Array.isArray(value)) {
    for (const v of value) tallyEnvelopes(v, subjectId, key, into);
  } else if (value && typeof value === "object") {
    for (const v of Object.values(value)) tallyEnvelopes(v, subjectId, key, into);
  }
}

/** How a needle appears inside jsonb's text form: lower-cased, JSON-escaped, without quotes. */
export function jsonNeedles(values: string[]): string[] {
  return [...new Set(values.map((v) => JSON.stringify(v.trim().toLowerCase()).slice(1, -1)).filter((v) => v.length > 0))];
}

/** The text that starts every envelope of a subject in jsonb's text form. */
export function envelopePrefix(subjectId: string): string {
  return `"$pii": "${subjectId}:`;
}
