import "server-only";
import { z } from "zod";
import type { Actor } from "../audit/actor";
import { appendAudit } from "../audit/append-audit";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { prismaOn } from "../prisma-on";
import { orNotFound } from "../prisma-errors";
import { transactionNow } from "../prisma-time";
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
    const created = await prismaOn(client).alertRule.create({
      data: { name: input.name, kind: input.kind, params: params as Prisma.InputJsonValue, severity: input.severity, createdBy: input.actor.id, updatedBy: input.actor.id },
      select: { id: true },
    });
    await appendAudit(client, { actor: input.actor, action: "alert_rule.created", target: `alert_rule:${input.name}`, details: { id: created.id, kind: input.kind, severity: input.severity, params } });
    return created;
  });
}

/** Changes a rule's name, severity and parameters (its kind stays). Firing alerts keep firing until the next evaluation decides. */
export async function updateAlertRule(input: Omit<RuleInput, "kind"> & { id: string; actor: Actor }): Promise<void> {
  await inTransaction(async (client) => {
    const current = await client.query<{ kind: string; params: unknown; severity: string; name: string }>("SELECT kind, params, severity, name FROM alert_rules WHERE id = $1 FOR UPDATE", [input.id]);
    if (!current.rows[0]) throw new AppError("not_found", "that rule no longer exists");
    const params = parseRuleParams(current.rows[0].kind, input.params);
    // A changed rule is a new question: let the next evaluation answer it even at the same instant.
    await prismaOn(client).alertRule.update({
      where: { id: input.id },
      data: { name: input.name, severity: input.severity, params: params as Prisma.InputJsonValue, updatedBy: input.actor.id, updatedAt: await transactionNow(client), lastEvaluatedAt: null },
    });
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
    const db = prismaOn(client);
    const now = await transactionNow(client);
    const rule = await db.alertRule
      .update({ where: { id: input.id }, data: { enabled: input.enabled, updatedBy: input.actor.id, updatedAt: now, lastEvaluatedAt: null }, select: { name: true } })
      .catch(orNotFound);
    if (!rule) throw new AppError("not_found", "that rule no longer exists");
    if (!input.enabled) {
      // A disabled rule watches nothing: its open alerts close (without a webhook: nothing was observed to recover).
      const closed = await db.alert.updateManyAndReturn({ where: { ruleId: input.id, state: "firing" }, data: { state: "resolved", resolvedAt: now }, select: { id: true } });
      await db.alertEvent.createMany({ data: closed.map((a) => ({ alertId: a.id, at: now, event: "resolved", summary: "rule disabled", actor: input.actor.id })) });
    }
    await appendAudit(client, { actor: input.actor, action: input.enabled ? "alert_rule.enabled" : "alert_rule.disabled", target: `alert_rule:${rule.name}`, details: { id: input.id } });
  });
}

/** Deletes a rule with its alerts, their history and deliveries; the audit log keeps what it was. */
export async function deleteAlertRule(input: { id: string; actor: Actor }): Promise<void> {
  await inTransaction(async (client) => {
    const rule = await prismaOn(client)
      .alertRule.delete({ where: { id: input.id }, select: { name: true, kind: true, params: true, _count: { select: { alerts: true } } } })
      .catch(orNotFound);
    if (!rule) throw new AppError("not_found", "that rule no longer exists");
    await appendAudit(client, { actor: input.actor, action: "alert_rule.deleted", target: `alert_rule:${rule.name}`, details: { id: input.id, kind: rule.kind, params: rule.params, alerts: rule._count.alerts } });
  });
}
