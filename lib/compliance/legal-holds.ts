import "server-only";
import type pg from "pg";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import type { LegalHold as LegalHoldModel } from "../generated/prisma/client";
import { prismaOn } from "../prisma-on";
import { orNotFound } from "../prisma-errors";
import { rfc3339, rfc3339OrNull, transactionNow } from "../prisma-time";

export type HoldScope = "subject" | "stream" | "category";
export const HOLD_SCOPES: readonly HoldScope[] = ["subject", "stream", "category"];

export type LegalHold = {
  id: string;
  scope: HoldScope;
  target: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseReason: string | null;
  /** Not released and not expired. */
  standing: boolean;
};

const COLUMNS = `id, scope, target, reason, created_by, created_at, expires_at, released_at, released_by, release_reason,
  (released_at IS NULL AND (expires_at IS NULL OR expires_at > now())) AS standing`;

type Row = {
  id: string; scope: HoldScope; target: string; reason: string; created_by: string; created_at: string;
  expires_at: string | null; released_at: string | null; released_by: string | null; release_reason: string | null; standing: boolean;
};

const toHold = (r: Row): LegalHold => ({
  id: r.id, scope: r.scope, target: r.target, reason: r.reason, createdBy: r.created_by, createdAt: r.created_at,
  expiresAt: r.expires_at, releasedAt: r.released_at, releasedBy: r.released_by, releaseReason: r.release_reason, standing: r.standing,
});

// A hold written through Prisma: standing is worked out here, as COLUMNS works it out in SQL.
const fromModel = (h: LegalHoldModel): LegalHold => ({
  id: h.id, scope: h.scope as HoldScope, target: h.target, reason: h.reason, createdBy: h.createdBy, createdAt: rfc3339(h.createdAt),
  expiresAt: rfc3339OrNull(h.expiresAt), releasedAt: rfc3339OrNull(h.releasedAt), releasedBy: h.releasedBy, releaseReason: h.releaseReason,
  standing: h.releasedAt === null && (h.expiresAt === null || h.expiresAt.getTime() > Date.now()),
});

/** Holds, standing ones first (then the most recently released), at most `limit`. */
export async function listLegalHolds(opts: { limit?: number } = {}): Promise<LegalHold[]> {
  const { rows } = await getPool().query<Row>(
    `SELECT ${COLUMNS} FROM legal_holds
      ORDER BY (released_at IS NULL AND (expires_at IS NULL OR expires_at > now())) DESC, coalesce(released_at, created_at) DESC LIMIT $1`,
    [opts.limit ?? 200],
  );
  return rows.map(toHold);
}

/**
 * The standing holds that apply to a subject: on the subject itself, on any stream holding its
 * events, or on the category of such a stream.
 */
export async function standingHoldsFor(db: pg.Pool | pg.ClientBase, subjectId: string): Promise<LegalHold[]> {
  const { rows } = await db.query<Row>(
    `WITH s AS (SELECT DISTINCT stream_id, category FROM events WHERE subjects @> ARRAY[$1]::text[])
     SELECT ${COLUMNS} FROM legal_holds h
      WHERE released_at IS NULL AND (expires_at IS NULL OR expires_at > now())
        AND ((scope = 'subject' AND target = $1)
          OR (scope = 'stream' AND target IN (SELECT stream_id FROM s))
          OR (scope = 'category' AND target IN (SELECT category FROM s)))
      ORDER BY created_at`,
    [subjectId],
  );
  return rows.map(toHold);
}

export type CreateLegalHoldOptions = { scope: HoldScope; target: string; reason: string; expiresAt?: string | null; actor: Actor };

/** Places a hold (audited). Requests of subjects it covers become blocked_by_hold. */
export async function createLegalHold(opts: CreateLegalHoldOptions): Promise<LegalHold> {
  if (opts.expiresAt && Date.parse(opts.expiresAt) <= Date.now()) throw new AppError("validation_failed", "the expiry must be in the future", { field: "expiresAt" });
  const hold = await inTransaction(async (client) => {
    const created = await prismaOn(client).legalHold.create({
      data: { scope: opts.scope, target: opts.target, reason: opts.reason, createdBy: opts.actor.label, expiresAt: opts.expiresAt ? new Date(opts.expiresAt) : null },
    });
    await appendAudit(client, {
      actor: opts.actor,
      action: "legal_hold.created",
      target: `hold:${opts.scope}:${opts.target}`,
      details: { holdId: created.id, scope: opts.scope, target: opts.target, reason: opts.reason, expiresAt: opts.expiresAt ?? null },
    });
    return fromModel(created);
  });
  const { recheckHolds } = await import("./recheck-holds");
  await recheckHolds({ actor: opts.actor });
  return hold;
}

export type ReleaseLegalHoldOptions = { holdId: string; reason: string; actor: Actor };

/** Releases a standing hold (audited); requests it blocked move on to awaiting approval. */
export async function releaseLegalHold(opts: ReleaseLegalHoldOptions): Promise<LegalHold> {
  const hold = await inTransaction(async (client) => {
    const released = await prismaOn(client)
      .legalHold.update({
        where: { id: opts.holdId, releasedAt: null },
        data: { releasedAt: await transactionNow(client), releasedBy: opts.actor.label, releaseReason: opts.reason },
      })
      .catch(orNotFound);
    if (!released) throw new AppError("not_found", "no standing hold with that id (released already?)", { holdId: opts.holdId });
    await appendAudit(client, {
      actor: opts.actor,
      action: "legal_hold.released",
      target: `hold:${released.scope}:${released.target}`,
      details: { holdId: opts.holdId, reason: opts.reason },
    });
    return fromModel(released);
  });
  const { recheckHolds } = await import("./recheck-holds");
  await recheckHolds({ actor: opts.actor });
  return hold;
}
