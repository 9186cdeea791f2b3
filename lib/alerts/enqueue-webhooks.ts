import "server-only";
import type pg from "pg";
import type { AlertFinding, RuleSeverity } from "./rule-kind";

export type AlertTransition = {
  alertId: number;
  event: "firing" | "resolved";
  rule: { id: string; name: string; kind: string; severity: RuleSeverity };
  finding: AlertFinding;
  firedAt: Date | string;
  /** When the transition happened. */
  at: Date;
};

/** The JSON every webhook receives (its deliveryId is added per endpoint). */
export function webhookPayload(t: AlertTransition): Record<string, unknown> {
  const iso = (d: Date | string) => (typeof d === "string" ? d : d.toISOString());
  return {
    event: t.event,
    occurredAt: t.at.toISOString(),
    rule: { id: t.rule.id, name: t.rule.name, kind: t.rule.kind },
    alert: {
      id: t.alertId,
      key: t.finding.key,
      state: t.event,
      severity: t.rule.severity,
      summary: t.finding.summary,
      details: t.finding.details,
      category: t.finding.category ?? null,
      href: t.finding.href ?? null,
      firedAt: iso(t.firedAt),
      resolvedAt: t.event === "resolved" ? t.at.toISOString() : null,
    },
  };
}

/**
 * Puts one delivery per enabled endpoint into the outbox, through the client of the transaction
 * that makes the transition: they commit together. The unique (endpoint, alert, event) key makes
 * a second enqueue of the same transition a no-op. Returns the number of deliveries written.
 */
export async function enqueueAlertWebhooks(client: pg.ClientBase, t: AlertTransition): Promise<number> {
  const res = await client.query(
    `WITH d AS (SELECT gen_random_uuid() AS id, e.id AS endpoint_id FROM webhook_endpoints e WHERE e.enabled)
     INSERT INTO webhook_deliveries (id, endpoint_id, alert_id, event, body)
     SELECT d.id, d.endpoint_id, $1, $2, (jsonb_build_object('deliveryId', d.id) || $3::jsonb)::text FROM d
     ON CONFLICT (endpoint_id, alert_id, event) WHERE alert_id IS NOT NULL DO NOTHING`,
    [t.alertId, t.event, JSON.stringify(webhookPayload(t))],
  );
  return res.rowCount ?? 0;
}
