import "server-only";
import type pg from "pg";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import type { AlertFinding, RuleSeverity } from "./rule-kind";
import { findRuleKind } from "./rule-kinds";
import { enqueueAlertWebhooks } from "./enqueue-webhooks";

export type EvaluateRulesOptions = {
  /** The instant the rules are evaluated at (the loop passes the clock; the demo back-evaluates past hours). */
  now?: Date;
  /** Only these rules (default: every enabled rule). */
  ruleIds?: string[];
  /** Enqueue webhooks for transitions (default true; a back-evaluation of history records without notifying). */
  notify?: boolean;
};

export type EvaluateRulesResult = {
  rules: number;
  fired: number;
  resolved: number;
  /** Evaluations that found their rule already evaluated at this instant or later (a racing or stale copy): nothing written. */
  fenced: number;
  errors: { ruleId: string; message: string }[];
};

type RuleRow = { id: string; name: string; kind: string; params: unknown; severity: RuleSeverity };

/**
 * Evaluates every enabled rule at `now`: each kind says what is wrong (its findings), and the
 * engine opens an alert for each new (rule, key), refreshes the ones still found and resolves the
 * rest. Safe to run concurrently: a rule's transitions are written under its row lock and fenced
 * on `last_evaluated_at`, so two evaluations at the same instant write once. Webhooks for each
 * transition go into the outbox in the same transaction (sent by lib/alerts/send-webhooks.ts).
 */
export async function evaluateRules(opts: EvaluateRulesOptions = {}): Promise<EvaluateRulesResult> {
  const now = opts.now ?? new Date();
  const notify = opts.notify ?? true;
  const pool = getPool();
  const { rows: rules } = await pool.query<RuleRow>(
    `SELECT id, name, kind, params, severity FROM alert_rules
      WHERE enabled AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) ORDER BY created_at, id`,
    [opts.ruleIds ?? null],
  );
  const result: EvaluateRulesResult = { rules: rules.length, fired: 0, resolved: 0, fenced: 0, errors: [] };
  for (const rule of rules) {
    let findings: AlertFinding[];
    try {
      findings = await findingsOf(rule, pool, now);
    } catch (e) {
      // A failing kind leaves its alerts as they are: "cannot tell" is not "resolved".
      const message = (e as Error).message.slice(0, 1000);
      result.errors.push({ ruleId: rule.id, message });
      await pool.query("UPDATE alert_rules SET last_error = $2 WHERE id = $1", [rule.id, message]);
      continue;
    }
    const applied = await applyFindings(rule, findings, now, notify);
    if (applied === "fenced") result.fenced++;
    else {
      result.fired += applied.fired;
      result.resolved += applied.resolved;
    }
  }
  return result;
}

async function findingsOf(rule: RuleRow, db: pg.Pool, now: Date): Promise<AlertFinding[]> {
  const kind = findRuleKind(rule.kind);
  if (!kind) throw new Error(`unknown rule kind "${rule.kind}" (no longer listed in lib/alerts/rule-kinds.ts)`);
  const params = kind.params.safeParse(rule.params);
  if (!params.success) throw new Error(`parameters no longer valid: ${params.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const findings = await kind.evaluate({ db, now, params: params.data });
  // One finding per key: a kind that repeats a key means the last word.
  return [...new Map(findings.map((f) => [f.key, f])).values()];
}

type FiringRow = { id: number; key: string; silenced: boolean; notified: boolean; fired_at: string };

async function applyFindings(rule: RuleRow, findings: AlertFinding[], now: Date, notify: boolean): Promise<{ fired: number; resolved: number } | "fenced"> {
  return inTransaction(async (client) => {
    // The fence, and the lock that serialises evaluations of this rule until commit.
    const fence = await client.query(
      `UPDATE alert_rules SET last_evaluated_at = $2, last_error = NULL
        WHERE id = $1 AND enabled AND (last_evaluated_at IS NULL OR last_evaluated_at < $2)`,
      [rule.id, now],
    );
    if (fence.rowCount !== 1) return "fenced";

    const silences = await client.query<{ rule_id: string | null; category: string | null }>(
      `SELECT rule_id, category FROM alert_silences
        WHERE starts_at <= $2 AND ends_at > $2 AND (rule_id = $1 OR category IS NOT NULL)`,
      [rule.id, now],
    );
    const ruleSilenced = silences.rows.some((s) => s.rule_id === rule.id);
    const silencedCategories = new Set(silences.rows.map((s) => s.category).filter((c): c is string => c !== null));
    const isSilenced = (f: AlertFinding) => ruleSilenced || (f.category !== undefined && silencedCategories.has(f.category));

    const { rows: firingRows } = await client.query<FiringRow>(
      "SELECT id, key, silenced, notified, fired_at FROM alerts WHERE rule_id = $1 AND state = 'firing' FOR UPDATE",
      [rule.id],
    );
    const firing = new Map(firingRows.map((a) => [a.key, a]));
    let fired = 0;
    let resolved = 0;

    for (const f of findings) {
      const silenced = isSilenced(f);
      const existing = firing.get(f.key);
      if (!existing) {
        const inserted = await client.query<{ id: number }>(
          `INSERT INTO alerts (rule_id, key, state, severity, category, href, summary, details, fired_at, last_seen_at, silenced, notified)
           VALUES ($1, $2, 'firing', $3, $4, $5, $6, $7, $8, $8, $9, $10)
           ON CONFLICT (rule_id, key) WHERE state = 'firing' DO NOTHING RETURNING id`,
          [rule.id, f.key, rule.severity, f.category ?? null, f.href ?? null, f.summary, JSON.stringify(f.details), now, silenced, notify && !silenced],
        );
        if (!inserted.rows[0]) continue;
        const alertId = inserted.rows[0].id;
        await recordAlertEvent(client, alertId, now, "fired", f.summary, { ...f.details, ...(silenced ? { silenced: true } : {}) });
        if (notify && !silenced) await enqueueAlertWebhooks(client, { alertId, event: "firing", rule, finding: f, firedAt: now, at: now });
        fired++;
        continue;
      }
      await client.query(
        "UPDATE alerts SET summary = $2, details = $3, category = $4, href = $5, last_seen_at = $6, silenced = $7 WHERE id = $1",
        [existing.id, f.summary, JSON.stringify(f.details), f.category ?? null, f.href ?? null, now, silenced],
      );
      if (existing.silenced !== silenced) await recordAlertEvent(client, existing.id, now, silenced ? "silenced" : "unsilenced", f.summary, {});
      // A silence that ended while the alert still fires: it is news to the receivers now.
      if (notify && !silenced && !existing.notified) {
        await client.query("UPDATE alerts SET notified = true WHERE id = $1", [existing.id]);
        await enqueueAlertWebhooks(client, { alertId: existing.id, event: "firing", rule, finding: f, firedAt: existing.fired_at, at: now });
      }
    }

    const found = new Set(findings.map((f) => f.key));
    for (const a of firingRows) {
      if (found.has(a.key)) continue;
      const { rows } = await client.query<{ summary: string; details: Record<string, unknown>; category: string | null; href: string | null }>(
        "UPDATE alerts SET state = 'resolved', resolved_at = $2 WHERE id = $1 RETURNING summary, details, category, href",
        [a.id, now],
      );
      await recordAlertEvent(client, a.id, now, "resolved", rows[0].summary, {});
      // Receivers hear of the resolution exactly when they heard of the firing.
      if (notify && a.notified) {
        const finding: AlertFinding = { key: a.key, summary: rows[0].summary, details: rows[0].details, category: rows[0].category ?? undefined, href: rows[0].href ?? undefined };
        await enqueueAlertWebhooks(client, { alertId: a.id, event: "resolved", rule, finding, firedAt: a.fired_at, at: now });
      }
      resolved++;
    }
    return { fired, resolved };
  });
}

/** One line of an alert's history. */
export async function recordAlertEvent(
  client: pg.ClientBase,
  alertId: number,
  at: Date,
  event: "fired" | "resolved" | "acknowledged" | "silenced" | "unsilenced",
  summary: string | null,
  details: Record<string, unknown>,
  actor: string | null = null,
): Promise<void> {
  await client.query("INSERT INTO alert_events (alert_id, at, event, summary, details, actor) VALUES ($1, $2, $3, $4, $5, $6)", [
    alertId,
    at,
    event,
    summary,
    JSON.stringify(details),
    actor,
  ]);
}
