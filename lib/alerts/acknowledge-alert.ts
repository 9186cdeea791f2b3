import "server-only";
import type { Actor } from "../audit/actor";
import { appendAudit } from "../audit/append-audit";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { prismaOn } from "../prisma-on";
import { orNotFound } from "../prisma-errors";
import { transactionNow } from "../prisma-time";

/**
 * Acknowledges an alert with a comment ("someone is on it"): it keeps firing and notifying as
 * before; the acknowledgement, its author and comment show on the Alerts page and in the audit log.
 */
export async function acknowledgeAlert(input: { alertId: number; comment: string; actor: Actor }): Promise<void> {
  await inTransaction(async (client) => {
    const db = prismaOn(client);
    const now = await transactionNow(client);
    const alert = await db.alert
      .update({
        where: { id: BigInt(input.alertId) },
        data: { acknowledgedBy: input.actor.label, acknowledgedAt: now, ackComment: input.comment },
        select: { key: true, summary: true, rule: { select: { name: true } } },
      })
      .catch(orNotFound);
    if (!alert) throw new AppError("not_found", "that alert no longer exists");
    await db.alertEvent.create({ data: { alertId: BigInt(input.alertId), at: now, event: "acknowledged", summary: input.comment, actor: input.actor.label } });
    await appendAudit(client, {
      actor: input.actor,
      action: "alert.acknowledged",
      target: `alert:${input.alertId}`,
      details: { rule: alert.rule.name, key: alert.key, summary: alert.summary, comment: input.comment },
    });
  });
}
