import "server-only";
import { getPool } from "../db";
import type { RuleSeverity } from "./rule-kind";
import { findRuleKind } from "./rule-kinds";

export type RuleView = {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  /** The kind's one-line description of these parameters ("order: ≥ 3× the same hour…"). */
  description: string;
  params: Record<string, unknown>;
  severity: RuleSeverity;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  lastEvaluatedAt: string | null;
  lastError: string | null;
  firing: number;
  silencedUntil: string | null;
};

/** Every rule with what it watches, how many alerts it has firing and whether it is silenced now. */
export async function listAlertRules(): Promise<RuleView[]> {
  const { rows } = await getPool().query<Omit<RuleView, "kindLabel" | "description">>(
    `SELECT r.id, r.name, r.kind, r.params, r.severity, r.enabled, coalesce(u.email, r.created_by) AS "createdBy", r.created_at AS "createdAt",
            r.last_evaluated_at AS "lastEvaluatedAt", r.last_error AS "lastError",
            (SELECT count(*)::int FROM alerts a WHERE a.rule_id = r.id AND a.state = 'firing') AS firing,
            (SELECT max(s.ends_at) FROM alert_silences s WHERE s.rule_id = r.id AND s.starts_at <= now() AND s.ends_at > now()) AS "silencedUntil"
       FROM alert_rules r LEFT JOIN users u ON u.id::text = r.created_by
      ORDER BY r.created_at DESC`,
  );
  return rows.map((r) => {
    const kind = findRuleKind(r.kind);
    const parsed = kind?.params.safeParse(r.params);
    return {
      ...r,
      kindLabel: kind?.label ?? `${r.kind} (unknown kind)`,
      description: kind && parsed?.success ? kind.describe(parsed.data) : "parameters no longer valid for this kind",
    };
  });
}

export type SilenceView = { id: string; ruleId: string | null; ruleName: string | null; category: string | null; reason: string; startsAt: string; endsAt: string; createdBy: string; expiredBy: string | null; active: boolean };

/** Silences in force, then those that ended in the last week. */
export async function listSilences(): Promise<SilenceView[]> {
  const { rows } = await getPool().query<SilenceView>(
    `SELECT s.id, s.rule_id AS "ruleId", r.name AS "ruleName", s.category, s.reason, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
            s.created_by AS "createdBy", s.expired_by AS "expiredBy", (s.starts_at <= now() AND s.ends_at > now()) AS active
       FROM alert_silences s LEFT JOIN alert_rules r ON r.id = s.rule_id
      WHERE s.ends_at > now() - interval '7 days'
      ORDER BY (s.ends_at > now()) DESC, s.ends_at DESC`,
  );
  return rows;
}

export type WebhookView = {
  id: string;
  name: string;
  /** Null unless the caller manages alerts: receivers' addresses are not for every role. */
  url: string | null;
  /** The last four characters of the signing secret; null when it needs a new one. */
  secretHint: string | null;
  /** An endpoint of release 0.1.0 that named an environment variable: it signs nothing until given a secret. */
  needsSecret: boolean;
  secretRotatedAt: string | null;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  delivered: number;
  pending: number;
  failed: number;
};

/** Webhook endpoints with their delivery counts; URLs only for those who manage alerts. */
export async function listWebhooks(opts: { showUrls: boolean }): Promise<WebhookView[]> {
  const { rows } = await getPool().query<WebhookView>(
    `SELECT e.id, e.name, CASE WHEN $1::boolean THEN e.url END AS url, CASE WHEN e.secret_wrapped IS NOT NULL THEN e.secret_hint END AS "secretHint",
            e.secret_wrapped IS NULL AS "needsSecret", e.secret_rotated_at AS "secretRotatedAt",
            e.enabled, e.created_by AS "createdBy", e.created_at AS "createdAt",
            count(d.id) FILTER (WHERE d.status = 'delivered')::int AS delivered,
            count(d.id) FILTER (WHERE d.status = 'pending')::int AS pending,
            count(d.id) FILTER (WHERE d.status = 'failed')::int AS failed
       FROM webhook_endpoints e LEFT JOIN webhook_deliveries d ON d.endpoint_id = e.id
      GROUP BY e.id ORDER BY e.created_at`,
    [opts.showUrls],
  );
  return rows;
}
