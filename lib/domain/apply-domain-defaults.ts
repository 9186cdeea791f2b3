import "server-only";
import { createAlertRule } from "../alerts/manage-rules";
import { systemActor } from "../audit/actor";
import { appendAudit } from "../audit/append-audit";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { prismaOn } from "../prisma-on";
import type { Domain } from "./domain";

/**
 * Creates the snapshot policies and alert rules a domain ships with, where none exist yet: a
 * category that already has a policy, or a rule of the same name, keeps what operators set.
 * Safe to run from every process at every start.
 */
export async function applyDomainDefaults(domain: Domain): Promise<{ policies: number; rules: number }> {
  const actor = systemActor(`domain:${domain.name}`, `domain ${domain.name}`);
  let policies = 0;
  for (const p of domain.snapshotPolicies) {
    const added = await inTransaction(async (client) => {
      // skipDuplicates is ON CONFLICT DO NOTHING: a category that has a policy keeps it, and nothing is audited.
      const { count } = await prismaOn(client).snapshotPolicy.createMany({ data: [{ category: p.category, everyNEvents: p.everyNEvents }], skipDuplicates: true });
      if (count) await appendAudit(client, { actor, action: "snapshot_policy.created", target: `category:${p.category}`, details: { everyNEvents: p.everyNEvents } });
      return count;
    });
    policies += added;
  }
  if (!domain.alertRules.length) return { policies, rules: 0 };
  // A session lock held across check and create, so two processes starting together create each rule once.
  const lock = await getPool().connect();
  let rules = 0;
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('hindsight.domain-alert-rules'))");
    for (const r of domain.alertRules) {
      const exists = await lock.query("SELECT 1 FROM alert_rules WHERE name = $1", [r.name]);
      if (exists.rowCount) continue;
      await createAlertRule({ name: r.name, kind: r.kind, severity: r.severity ?? "warning", params: r.params, actor });
      rules++;
    }
  } finally {
    await lock.query("SELECT pg_advisory_unlock(hashtext('hindsight.domain-alert-rules'))").catch(() => undefined);
    lock.release();
  }
  return { policies, rules };
}
