import "server-only";
import { getPool } from "../db";
import type { RuleSeverity } from "./rule-kind";

export type AlertView = {
  id: number;
  ruleId: string;
  ruleName: string;
  ruleKind: string;
  key: string;
  state: "firing" | "resolved";
  severity: RuleSeverity;
  category: string | null;
  href: string | null;
  summary: string;
  details: Record<string, unknown>;
  firedAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  silenced: boolean;
  notified: boolean;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  ackComment: string | null;
};

const ALERT_COLUMNS = `a.id, a.rule_id AS "ruleId", r.name AS "ruleName", r.kind AS "ruleKind", a.key, a.state, a.severity, a.category, a.href,
  a.summary, a.details, a.fired_at AS "firedAt", a.last_seen_at AS "lastSeenAt", a.resolved_at AS "resolvedAt", a.silenced, a.notified,
  a.acknowledged_by AS "acknowledgedBy", a.acknowledged_at AS "acknowledgedAt", a.ack_comment AS "ackComment"`;

/** Alerts firing now, most severe and newest first. */
export async function listFiringAlerts(limit = 200): Promise<AlertView[]> {
  const { rows } = await getPool().query<AlertView>(
    `SELECT ${ALERT_COLUMNS} FROM alerts a JOIN alert_rules r ON r.id = a.rule_id
      WHERE a.state = 'firing'
      ORDER BY CASE a.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, a.fired_at DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

/** Resolved alerts, newest resolution first (the history). */
export async function listResolvedAlerts(limit = 50): Promise<AlertView[]> {
  const { rows } = await getPool().query<AlertView>(
    `SELECT ${ALERT_COLUMNS} FROM alerts a JOIN alert_rules r ON r.id = a.rule_id
      WHERE a.state = 'resolved' ORDER BY a.resolved_at DESC, a.id DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

export type FiringCount = { total: number; critical: number; warning: number; info: number };

/** The header badge's figure. */
export async function countFiringAlerts(): Promise<FiringCount> {
  const { rows } = await getPool().query<{ severity: RuleSeverity; n: number }>("SELECT severity, count(*)::int AS n FROM alerts WHERE state = 'firing' GROUP BY severity");
  const count: FiringCount = { total: 0, critical: 0, warning: 0, info: 0 };
  for (const r of rows) {
    count[r.severity] = r.n;
    count.total += r.n;
  }
  return count;
}

/** Firing alerts with their count per severity from one read, so the list, its tab and the badge cannot disagree. */
export async function getFiringSnapshot(limit = 200): Promise<{ alerts: AlertView[]; firing: FiringCount }> {
  const alerts = await listFiringAlerts(limit);
  if (alerts.length >= limit) return { alerts, firing: await countFiringAlerts() };
  const firing: FiringCount = { total: alerts.length, critical: 0, warning: 0, info: 0 };
  for (const a of alerts) firing[a.severity] += 1;
  return { alerts, firing };
}

/** Firing alerts by rule kind and severity, for /api/metrics (every enabled kind appears, at 0 if quiet). */
export async function countFiringByKind(): Promise<{ kind: string; severity: string; firing: number }[]> {
  const { rows } = await getPool().query<{ kind: string; severity: string; firing: number }>(
    `SELECT r.kind, s.severity, count(a.id)::int AS firing
       FROM (SELECT DISTINCT kind FROM alert_rules) r
       CROSS JOIN (VALUES ('info'), ('warning'), ('critical')) s (severity)
       LEFT JOIN alert_rules ar ON ar.kind = r.kind
       LEFT JOIN alerts a ON a.rule_id = ar.id AND a.state = 'firing' AND a.severity = s.severity
      GROUP BY r.kind, s.severity ORDER BY r.kind, s.severity`,
  );
  return rows;
}

export type AlertHistoryEntry = { alertId: number; at: string; event: string; summary: string | null; actor: string | null };

/** The history lines of these alerts (fired, silenced, acknowledged, resolved), oldest first. */
export async function listAlertEvents(alertIds: number[]): Promise<AlertHistoryEntry[]> {
  if (alertIds.length === 0) return [];
  const { rows } = await getPool().query<AlertHistoryEntry>(
    `SELECT alert_id AS "alertId", at, event, summary, actor FROM alert_events WHERE alert_id = ANY($1::bigint[]) ORDER BY at, id`,
    [alertIds],
  );
  return rows;
}

export type DeliveryView = {
  id: string;
  alertId: number | null;
  endpointName: string;
  /** Null unless the caller manages alerts: receivers' addresses are not for every role. */
  url: string | null;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  responseCode: number | null;
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
  deliveredAt: string | null;
};

const DELIVERY_COLUMNS = `d.id, d.alert_id AS "alertId", e.name AS "endpointName", CASE WHEN $showUrls THEN e.url END AS url, d.event, d.status, d.attempts, d.response_code AS "responseCode",
  d.last_error AS "lastError", d.next_attempt_at AS "nextAttemptAt", d.created_at AS "createdAt", d.delivered_at AS "deliveredAt"`;

/** The webhook delivery log of these alerts. */
export async function listAlertDeliveries(alertIds: number[], opts: { showUrls: boolean }): Promise<DeliveryView[]> {
  if (alertIds.length === 0) return [];
  const { rows } = await getPool().query<DeliveryView>(
    `SELECT ${DELIVERY_COLUMNS.replace("$showUrls", "$2::boolean")} FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.alert_id = ANY($1::bigint[]) ORDER BY d.created_at, e.name`,
    [alertIds, opts.showUrls],
  );
  return rows;
}

/** The latest deliveries of one endpoint (test sends included). */
export async function listEndpointDeliveries(endpointId: string, opts: { showUrls: boolean; limit?: number }): Promise<DeliveryView[]> {
  const { rows } = await getPool().query<DeliveryView>(
    `SELECT ${DELIVERY_COLUMNS.replace("$showUrls", "$3::boolean")} FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.endpoint_id = $1 ORDER BY d.created_at DESC LIMIT $2`,
    [endpointId, opts.limit ?? 10, opts.showUrls],
  );
  return rows;
}
