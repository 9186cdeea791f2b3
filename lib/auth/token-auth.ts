import "server-only";
import { getPool } from "../db";
import { AppError } from "../errors";
import { hashApiToken, isWellFormedToken } from "./api-token-format";
import type { Caller } from "./caller";
import { tokenPermissions, type Role } from "./permissions";

type Row = { id: string; name: string; scopes: string[]; revoked: boolean; expired: boolean; owner_id: string; owner_email: string; owner_status: string; owner_role: Role; stale: boolean };

/**
 * The caller behind `Authorization: Bearer <token>`: one indexed lookup by SHA-256. Malformed,
 * unknown, revoked and disabled-owner tokens all get the same 401, so nothing is revealed (an
 * expired one says so: its holder can only renew it); the reason goes to the server log. last_used_at is written at most once a minute.
 */
export async function authenticateToken(raw: string, from: string | null): Promise<Caller> {
  if (!isWellFormedToken(raw)) return reject("malformed", from);
  const pool = getPool();
  const { rows } = await pool.query<Row>(
    `SELECT t.id, t.name, t.scopes, t.revoked_at IS NOT NULL AS revoked, coalesce(t.expires_at <= now(), false) AS expired, u.id AS owner_id, u.email AS owner_email, u.status AS owner_status, u.role AS owner_role,
            (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale
       FROM api_tokens t JOIN users u ON u.id = t.owner_id
      WHERE t.token_hash = $1`,
    [hashApiToken(raw)],
  );
  const row = rows[0];
  if (!row) return reject("unknown", from);
  if (row.revoked) return reject(`revoked (${row.id})`, from);
  if (row.owner_status !== "active") return reject(`owner disabled (${row.id})`, from);
  if (row.expired) {
    console.warn(`[auth] 401 token_expired (${row.id})${from ? ` from ${from}` : ""}`);
    throw new AppError("token_expired", "the API token has expired: create a new one in Settings or with npm run token");
  }
  if (row.stale) {
    await pool.query(
      "UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
      [row.id],
    );
  }
  const permissions = tokenPermissions(row.scopes, row.owner_role);
  // A token acts for its owner: every two-person rule compares the owner, and the audit names both.
  return { id: row.owner_id, kind: "token", tokenId: row.id, label: tokenActorLabel(row.name, row.owner_email), role: null, permissions, pii: permissions.has("pii.read") ? "clear" : "masked" };
}

/** What the audit log shows for a request made with a token: the token and the person behind it. */
export function tokenActorLabel(tokenName: string, ownerEmail: string): string {
  return `token ${tokenName} of user ${ownerEmail}`;
}

function reject(reason: string, from: string | null): never {
  console.warn(`[auth] 401 invalid_token: ${reason}${from ? ` from ${from}` : ""}`);
  throw new AppError("invalid_token", "the API token is not valid: it may be mistyped, revoked or expired");
}
