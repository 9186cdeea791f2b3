import "server-only";
import type { Actor } from "../audit/actor";
import { appendAudit } from "../audit/append-audit";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";

/**
 * Acknowledges an alert with a comment ("someone is on it"): it keeps firing and notifying as
 * before; the acknowledgement, its author and comment show on the Alerts page and in the audit log.
 */
export async function acknowledgeAlert(input: { alertId: number; comment: string; actor: Actor }): Promise<void> {
  await inTransaction(async (client) => {
    const { rows } = await client.query<{ key: string; summary: string; rule: string }>(
      `UPDATE alerts a SET acknowledged_by = $2, acknowledged_at = now(), ack_comment = $3
         FROM alert_rules r WHERE a.id = $1 AND r.id = a.rule_id
       RETURNING a.key, a.summary, r.name AS rule`,
      [input.alertId, input.actor.label, input.comment],
    );
    if (!rows[0]) throw new AppError("not_found", "that alert no longer exists");
    await client.query("INSERT INTO alert_events (alert_id, at, event, summary, actor) VALUES ($1, now(), 'acknowledged', $2, $3)", [
      input.alertId,
      input.comment,
      input.actor.label,
    ]);
    await appendAudit(client, {
      actor: input.actor,
      action: "alert.acknowledged",
      target: `alert:${input.alertId}`,
      details: { rule: rows[0].rule, key: rows[0].key, summary: rows[0].summary, comment: input.comment },
    });
  });
}
