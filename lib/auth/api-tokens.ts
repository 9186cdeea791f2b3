import "server-only";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { prismaOn } from "../prisma-on";
import { rfc3339OrNull, transactionNow } from "../prisma-time";
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
    const db = prismaOn(client);
    const owner = await db.user.findFirst({ where: { id: opts.ownerId, status: "active" }, select: { email: true } });
    if (!owner) throw new AppError("not_found", "the token's owner is not an active user");
    // Made and expiry from one instant, so a token of 90 days lasts exactly 90 days (Prisma writes milliseconds).
    const createdAt = await transactionNow(client);
    const seconds = opts.expiresInSeconds ?? null;
    const expiresAt = seconds === null ? null : new Date(createdAt.getTime() + seconds * 1000);
    const created = await db.apiToken.create({
      data: { name: opts.name.trim(), tokenHash: hashApiToken(token), prefix: tokenPrefix(token), scopes, ownerId: opts.ownerId, createdAt, expiresAt },
      select: { id: true, expiresAt: true },
    });
    await appendAudit(client, {
      actor: opts.actor,
      action: "token.created",
      target: `token:${opts.name.trim()} (${created.id})`,
      details: { tokenId: created.id, scopes, owner: owner.email, prefix: tokenPrefix(token), expiresAt: rfc3339OrNull(created.expiresAt) },
    });
    return created.id;
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
    await prismaOn(client).apiToken.update({ where: { id: opts.tokenId }, data: { revokedAt: await transactionNow(client), revokedBy: opts.actor.id } });
    await appendAudit(client, { actor: opts.actor, action: "token.revoked", target: `token:${rows[0].name} (${opts.tokenId})`, details: { tokenId: opts.tokenId } });
  });
}

/** Every token, newest first; revoked ones stay listed so their history can be read. (SQL: Prisma cannot order by "is revoked".) */
export async function listApiTokens(): Promise<ApiTokenInfo[]> {
  const { rows } = await getPool().query<ApiTokenInfo>(
    `SELECT t.id, t.name, t.prefix, t.scopes, t.owner_id AS "ownerId", u.email AS "ownerEmail",
            t.created_at AS "createdAt", t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt", t.expires_at AS "expiresAt", coalesce(t.expires_at <= now(), false) AS expired
       FROM api_tokens t JOIN users u ON u.id = t.owner_id
      ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC`,
  );
  return rows;
}
