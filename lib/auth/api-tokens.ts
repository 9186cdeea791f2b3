import "server-only";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { generateApiToken, hashApiToken, tokenPrefix } from "./api-token-format";
import type { TokenScope } from "./permissions";

/** An API token as the Settings page lists it: never the token itself. */
export type ApiTokenInfo = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  ownerId: string;
  ownerEmail: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** When it stops working (null: never), and whether that has passed. */
  expiresAt: string | null;
  expired: boolean;
};

export type CreateApiTokenOptions = {
  name: string;
  scopes: TokenScope[];
  ownerId: string;
  /** Seconds from now until it expires; null or absent: never. */
  expiresInSeconds?: number | null;
  actor: Actor;
};

/** Creates a token: the clear value is returned once and only its SHA-256 is stored. */
export async function createApiToken(opts: CreateApiTokenOptions): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = generateApiToken();
  const scopes = [...new Set(opts.scopes)].sort();
  const id = await inTransaction(async (client) => {
    const owner = await client.query<{ email: string }>("SELECT email FROM users WHERE id = $1 AND status = 'active'", [opts.ownerId]);
    if (!owner.rows[0]) throw new AppError("not_found", "the token's owner is not an active user");
    const { rows } = await client.query<{ id: string; expires_at: string | null }>(
      `INSERT INTO api_tokens (name, token_hash, prefix, scopes, owner_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(secs => $6::int) END) RETURNING id, expires_at`,
      [opts.name.trim(), hashApiToken(token), tokenPrefix(token), scopes, opts.ownerId, opts.expiresInSeconds ?? null],
    );
    await appendAudit(client, {
      actor: opts.actor,
      action: "token.created",
      target: `token:${opts.name.trim()} (${rows[0].id})`,
      details: { tokenId: rows[0].id, scopes, owner: owner.rows[0].email, prefix: tokenPrefix(token), expiresAt: rows[0].expires_at },
    });
    return rows[0].id;
  });
  const info = (await listApiTokens()).find((t) => t.id === id)!;
  return { token, info };
}

/** Revokes a token at once: the next request that carries it gets 401. */
export async function revokeApiToken(opts: { tokenId: string; actor: Actor }): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(opts.tokenId)) throw new AppError("not_found", "there is no such token");
  await inTransaction(async (client) => {
    const { rows } = await client.query<{ name: string; revoked_at: string | null }>(
      "SELECT name, revoked_at FROM api_tokens WHERE id = $1 FOR UPDATE",
      [opts.tokenId],
    );
    if (!rows[0]) throw new AppError("not_found", "there is no such token");
    if (rows[0].revoked_at) return; // revoking twice changes nothing, so it is not audited twice
    await client.query("UPDATE api_tokens SET revoked_at = now(), revoked_by = $2 WHERE id = $1", [opts.tokenId, opts.actor.id]);
    await appendAudit(client, { actor: opts.actor, action: "token.revoked", target: `token:${rows[0].name} (${opts.tokenId})`, details: { tokenId: opts.tokenId } });
  });
}

/** Every token, newest first; revoked ones stay listed so their history can be read. */
export async function listApiTokens(): Promise<ApiTokenInfo[]> {
  const { rows } = await getPool().query<ApiTokenInfo>(
    `SELECT t.id, t.name, t.prefix, t.scopes, t.owner_id AS "ownerId", u.email AS "ownerEmail",
            t.created_at AS "createdAt", t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt", t.expires_at AS "expiresAt", coalesce(t.expires_at <= now(), false) AS expired
       FROM api_tokens t JOIN users u ON u.id = t.owner_id
      ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC`,
  );
  return rows;
}
