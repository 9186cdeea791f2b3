import { beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "./audit/actor";
import { getPool } from "./db";
import { createLegalHold, releaseLegalHold } from "./compliance/legal-holds";
import { createAlertRule, deleteAlertRule, setAlertRuleEnabled, updateAlertRule } from "./alerts/manage-rules";
import { unique } from "./testing/expectations";
import { failAuditsMentioning } from "./testing/failing-audit";

// Operations that write through Prisma: when the audit entry written after the change fails,
// the change is gone too (both are one transaction), and the caller sees the failure.

const MARKER = "no-audit";
const actor = systemActor("atomic-test");
const count = async (sql: string, params: unknown[]) => (await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n;

beforeAll(async () => {
  await failAuditsMentioning(MARKER);
});

describe("legal holds", () => {
  it("a hold whose audit entry fails is not placed", async () => {
    const target = `${MARKER}-${unique()}`;
    await expect(createLegalHold({ scope: "subject", target, reason: "atomic", actor })).rejects.toThrow(/audit refused/);
    expect(await count("legal_holds WHERE target = $1", [target])).toBe(0);
  });

  it("a release whose audit entry fails leaves the hold standing", async () => {
    const later = `release-${unique()}`;
    const placed = await createLegalHold({ scope: "subject", target: later, reason: "atomic", actor });
    await failAuditsMentioning(later);
    await expect(releaseLegalHold({ holdId: placed.id, reason: "atomic", actor })).rejects.toThrow(/audit refused/);
    expect(await count("legal_holds WHERE id = $1 AND released_at IS NULL AND released_by IS NULL", [placed.id])).toBe(1);
  });
});

describe("alert rules", () => {
  const rule = (name: string) => ({ name, kind: "volume_threshold", severity: "warning" as const, params: { scope: "category", target: "atomic", threshold: 5, windowSeconds: 60 } });

  it("a rule whose audit entry fails is not created", async () => {
    const name = `${MARKER}-${unique()}`;
    await expect(createAlertRule({ ...rule(name), actor })).rejects.toThrow(/audit refused/);
    expect(await count("alert_rules WHERE name = $1", [name])).toBe(0);
  });

  it("an edit, a disable or a delete whose audit entry fails leaves the rule as it was", async () => {
    const name = `rule-${unique()}`;
    const { id } = await createAlertRule({ ...rule(name), actor });
    await failAuditsMentioning(name);
    await expect(updateAlertRule({ id, name: `${name}-renamed`, severity: "critical", params: rule(name).params, actor })).rejects.toThrow(/audit refused/);
    await expect(setAlertRuleEnabled({ id, enabled: false, actor })).rejects.toThrow(/audit refused/);
    await expect(deleteAlertRule({ id, actor })).rejects.toThrow(/audit refused/);
    expect(await count("alert_rules WHERE id = $1 AND name = $2 AND severity = 'warning' AND enabled", [id, name])).toBe(1);
  });
});
