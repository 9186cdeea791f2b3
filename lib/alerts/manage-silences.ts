import "server-only";
import type { Actor } from "../audit/actor";
import { appendAudit } from "../audit/append-audit";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { prismaOn } from "../prisma-on";

export type SilenceInput = { ruleId?: string; category?: string; reason: string; endsAt: Date; actor: Actor };

/**
 * Mutes one rule, or every finding that names a category, until `endsAt`. Muted alerts are still
 * opened, updated and resolved (and shown as silenced); only their webhooks are held back.
 */
export async function createSilence(input: SilenceInput): Promise<{ id: string }> {
  if ((input.ruleId === undefined) === (input.category === undefined)) throw new AppError("validation_failed", "silence either a rule or a category");
  if (input.endsAt.getTime() <= Date.now()) throw new AppError("validation_failed", "the silence must end in the future");
  return inTransaction(async (client) => {
    const silence = await prismaOn(client).alertSilence.create({
      data: { ruleId: input.ruleId ?? null, category: input.category ?? null, reason: input.reason, endsAt: input.endsAt, createdBy: input.actor.label },
      select: { id: true, rule: { select: { name: true } } },
    });
    if (input.ruleId && !silence.rule) throw new AppError("not_found", "that rule no longer exists");
    const target = input.ruleId ? `alert_rule:${silence.rule?.name}` : `category:${input.category}`;
    await appendAudit(client, { actor: input.actor, action: "alert_silence.created", target, details: { id: silence.id, reason: input.reason, endsAt: input.endsAt.toISOString() } });
    return { id: silence.id };
  });
}

/** Ends a silence now; alerts still firing are notified at the next evaluation. The end is computed from the row, so it stays SQL. */
export async function expireSilence(input: { id: string; actor: Actor }): Promise<void> {
  await inTransaction(async (client) => {
    const { rows } = await client.query<{ category: string | null; rule_id: string | null }>(
      `UPDATE alert_silences SET ends_at = greatest(now(), starts_at + interval '1 millisecond'), expired_by = $2
        WHERE id = $1 AND ends_at > now() RETURNING category, rule_id`,
      [input.id, input.actor.label],
    );
    if (!rows[0]) throw new AppError("not_found", "that silence has already ended");
    await appendAudit(client, { actor: input.actor, action: "alert_silence.expired", target: rows[0].category ? `category:${rows[0].category}` : `alert_rule:${rows[0].rule_id}`, details: { id: input.id } });
  });
}
