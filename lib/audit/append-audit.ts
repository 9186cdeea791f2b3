import "server-only";
import type pg from "pg";
import type { Actor } from "./actor";
import { auditHash, GENESIS_HASH, type HashedEntry } from "./audit-hash";

export type AuditInput = {
  actor: Actor;
  /** Dotted verb: `user.created`, `token.revoked`, `auth.sign_in_failed`, `permission.denied`. */
  action: string;
  /** What it was done to: `user:ana@example.com`, `token:ci (…)`. */
  target?: string | null;
  details?: Record<string, unknown>;
};

export type AuditEntry = HashedEntry & { id: number; prevHash: string; hash: string };

// One lock for the whole chain: entries are rare (operator actions), so serialising them is cheap.
const AUDIT_LOCK = 0x48534155; // "HSAU"

/** SQL that renders `at` the way the hash covers it, whatever the session's time zone. */
export const AT_UTC = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Appends one hash-chained entry through `client`, which must be inside the transaction that
 * makes the change: both commit together or neither does.
 */
export async function appendAudit(client: pg.ClientBase, input: AuditInput): Promise<AuditEntry> {
  await client.query("SELECT pg_advisory_xact_lock($1)", [AUDIT_LOCK]);
  const { rows } = await client.query<{ hash: string; now: string }>(
    `SELECT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS hash,
            to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS now`,
  );
  const prevHash = rows[0].hash ?? GENESIS_HASH;
  const entry: HashedEntry = {
    at: rows[0].now,
    actorId: clean(input.actor.id, 200)!,
    actorLabel: clean(input.actor.label, 200)!,
    action: input.action,
    target: clean(input.target, 500),
    ip: clean(input.actor.ip, 100),
    userAgent: clean(input.actor.userAgent, 500),
    details: storable(input.details ?? {}) as Record<string, unknown>,
  };
  const hash = auditHash(prevHash, entry);
  const inserted = await client.query<{ id: number }>(
    `INSERT INTO audit_log (at, actor_id, actor_label, action, target, ip, user_agent, details, prev_hash, hash)
     VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [entry.at, entry.actorId, entry.actorLabel, entry.action, entry.target, entry.ip, entry.userAgent, JSON.stringify(entry.details), prevHash, hash],
  );
  return { ...entry, id: inserted.rows[0].id, prevHash, hash };
}

// Headers and names come from outside: cap their length and drop what PostgreSQL text cannot hold.
function clean(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  return value.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, max);
}

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Details may quote what a caller typed (an e-mail at a failed sign-in): jsonb refuses NUL and lone surrogates.
function storable(value: unknown): unknown {
  if (typeof value === "string") return value.replace(UNSTORABLE, "\ufffd");
  if (Array.isArray(value)) return value.map(storable);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [storable(k) as string, storable(v)]));
  }
  return value === undefined ? null : value;
}
