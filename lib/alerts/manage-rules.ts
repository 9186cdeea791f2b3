import "server-only";
import { z } from "zod";
import type { Actor } from "../audit/actor";
import { appendAudit } from "../audit/append-audit";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import type { RuleSeverity } from "./rule-kind";
import { findRuleKind } from "./rule-kinds";

export const SEVERITIES = ["info", "warning", "critical"] as const satisfies readonly RuleSeverity[];

export type RuleInput = { name: string; kind: string; severity: RuleSeverity; params: Record<string, unknown> };

/** Validates the parameters with the kind's own schema; a refusal names the field as `params.<name>`. */
export function parseRuleParams(kindName: string, params: Record<string, unknown>): unknown {
  const kind = findRuleKind(kindName);
  if (!kind) throw new AppError("validation_failed", `unknown rule kind "${kindName}"`);
  return z.object({ params: kind.params }).parse({ params }).params;
}

/** Creates a rule (enabled), audited in the same transaction. */
export async function createAlertRule(input: RuleInput & { actor: Actor }): Promise<{ id: string }> {
  const params = parseRuleParams(input.kind, input.params);
  return inTransaction(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      "INSERT INTO alert_rules (name, kind, params, severity, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
      [input.name, input.kind, JSON.stringify(params), input.severity, input.actor.id],
    );
    await appendAudit(client, { actor: input.actor, action: "alert_rule.created", target: `alert_rule:${input.name}`, details: { id: rows[0].id, kind: input.kind, severity: input.severity, params } });
    return rows[0];
  });
}

/** Changes a rule's name, severity and parameters (its kind stays). Firing alerts keep firing until the next evaluation decides. */
export async function updateAlertRule(input: Omit<RuleInput, "kind"> & { id: string; actor: Actor }): Promise<void> {
  await inTransaction(async (client) => {
    const current = await client.query<{ kind: string; params: unknown; severity: string; name: string }>("SELECT kind, params, severity, name FROM alert_rules WHERE id = $1 FOR UPDATE", [input.id]);
    if (!current.rows[0]) throw new AppError("not_found", "that rule no longer exists");
    const params = parseRuleParams(current.rows[0].kind, input.params);
    // A changed rule is a new question: let the next evaluation answer it even at the same instant.
    await client.query(
      "UPDATE alert_rules SET name = $2, severity = $3, params = $4, updated_by = $5, updated_at = now(), last_evaluated_at = NULL WHERE id = $1",
      [input.id, input.name, input.severity, JSON.stringify(params), input.actor.id],
    );
    await appendAudit(client, {
      actor: input.actor,
      action: "alert_rule.updated",
      target: `alert_rule:${input.name}`,
      details: { id: input.id, before: { name: current.rows[0].name, severity: current.rows[0].severity, params: current.rows[0].params }, after: { name: input.name, severity: input.severity, params } },
    });
  });
}

/** Enables or disables a rule. Disabling resolves nothing by itself: its firing alerts are resolved now, with the reason. */
export async function setAlertRuleEnabled(input: { id: string; enabled: boolean; actor: Actor }): Promise<void> {
  await inTransaction(async (client) => {
    const { rows } = await client.query<{ name: string }>(
      "UPDATE alert_rules SET enabled = $2, updated_by = $3, updated_at = now(), last_evaluated_at = NULL WHERE id = $1 RETURNING name",
      [input.id, input.enabled, input.actor.id],
    );
    if (!rows[0]) throw new AppError("not_found", "that rule no longer exists");
    if (!input.enabled) {
      // A disabled rule watches nothing: its open alerts close (without a webhook: nothing was observed to recover).
      const closed = await client.query<{ id: number }>(
        "UPDATE alerts SET state = 'resolved', resolved_at = now() WHERE rule_id = $1 AND state = 'firing' RETURNING id",
        [input.id],
      );
      for (const a of closed.rows) {
        await client.query("INSERT INTO alert_events (alert_id, at, event, summary, actor) VALUES ($1, now(), 'resolved', 'rule disabled', $2)", [a.id, input.actor.id]);
      }
    }
    await appendAudit(client, { actor: input.actor, action: input.enabled ? "alert_rule.enabled" : "alert_rule.disabled", target: `alert_rule:${rows[0].name}`, details: { id: input.id } });
  });
}

/** Deletes a rule with its alerts, their history and deliveries; the audit log keeps what it was. */
export async function deleteAlertRule(input: { id: string; actor: Actor }): Promise<void> {
  await inTransaction(async (client) => {
    const { rows } = await client.query<{ name: string; kind: string; params: unknown; alerts: number }>(
      "DELETE FROM alert_rules r WHERE id = $1 RETURNING name, kind, params, (SELECT count(*) FROM alerts a WHERE a.rule_id = r.id)::int AS alerts",
      [input.id],
    );
    if (!rows[0]) throw new AppError("not_found", "that rule no longer exists");
    await appendAudit(client, { actor: input.actor, action: "alert_rule.deleted", target: `alert_rule:${rows[0].name}`, details: { id: input.id, kind: rows[0].kind, params: rows[0].params, alerts: rows[0].alerts } });
  });
}
