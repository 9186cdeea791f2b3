import { beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "./audit/actor";
import { getPool } from "./db";
import { createLegalHold, releaseLegalHold } from "./compliance/legal-holds";
import { createSilence } from "./alerts/manage-silences";
import { createWebhook, deleteWebhook, rotateWebhookSecret } from "./alerts/manage-webhooks";
import { deleteArchivePolicy, saveArchivePolicy } from "./archive/archive-policies";
import { createApiToken, revokeApiToken } from "./auth/api-tokens";
import { createUser } from "./auth/create-user";
import { changeUserRole, setUserStatus } from "./auth/update-user";
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

describe("silences and webhooks", () => {
  it("a silence whose audit entry fails is not created", async () => {
    const category = `${MARKER}-${unique()}`;
    await expect(createSilence({ category, reason: "atomic", endsAt: new Date(Date.now() + 600_000), actor })).rejects.toThrow(/audit refused/);
    expect(await count("alert_silences WHERE category = $1", [category])).toBe(0);
  });

  it("a webhook whose audit entry fails is not added, and a rotation or delete that fails changes nothing", async () => {
    // A loopback receiver that is never called: the allow-list lets the URL check pass without a DNS lookup.
    process.env.HINDSIGHT_WEBHOOK_ALLOW_HOSTS = "127.0.0.1:9";
    const refused = `${MARKER}-${unique()}`;
    await expect(createWebhook({ name: refused, url: "http://127.0.0.1:9/atomic", actor })).rejects.toThrow(/audit refused/);
    expect(await count("webhook_endpoints WHERE name = $1", [refused])).toBe(0);

    const name = `hook-${unique()}`;
    const { id } = await createWebhook({ name, url: "http://127.0.0.1:9/atomic", actor });
    const before = (await getPool().query("SELECT secret_wrapped, secret_hint, secret_rotated_at FROM webhook_endpoints WHERE id = $1", [id])).rows[0];
    await failAuditsMentioning(name);
    await expect(rotateWebhookSecret({ id, actor })).rejects.toThrow(/audit refused/);
    await expect(deleteWebhook({ id, actor })).rejects.toThrow(/audit refused/);
    expect((await getPool().query("SELECT secret_wrapped, secret_hint, secret_rotated_at FROM webhook_endpoints WHERE id = $1", [id])).rows[0]).toEqual(before);
  });
});

describe("users and tokens", () => {
  it("a user whose audit entry fails is not created", async () => {
    const email = `${MARKER}-${unique()}@example.com`;
    await expect(createUser({ email, name: "Atomic", role: "viewer", password: null, actor })).rejects.toThrow(/audit refused/);
    expect(await count("users WHERE email = $1", [email])).toBe(0);
  });

  it("a role change or a disable whose audit entry fails leaves the user as they were", async () => {
    const email = `user-${unique()}@example.com`;
    const user = await createUser({ email, name: "Atomic", role: "viewer", password: null, actor });
    await failAuditsMentioning(email);
    await expect(changeUserRole({ userId: user.id, role: "ops", actor })).rejects.toThrow(/audit refused/);
    await expect(setUserStatus({ userId: user.id, status: "disabled", actor })).rejects.toThrow(/audit refused/);
    expect(await count("users WHERE id = $1 AND role = 'viewer' AND status = 'active' AND session_version = $2", [user.id, user.sessionVersion])).toBe(1);
  });

  it("a token whose audit entry fails is not created, and a revocation that fails leaves it working", async () => {
    const owner = await createUser({ email: `owner-${unique()}@example.com`, name: "Owner", role: "ops", password: null, actor });
    const refused = `${MARKER}-${unique()}`;
    await expect(createApiToken({ name: refused, scopes: ["events:read"], ownerId: owner.id, expiresInSeconds: 3600, actor })).rejects.toThrow(/audit refused/);
    expect(await count("api_tokens WHERE name = $1", [refused])).toBe(0);

    const name = `token-${unique()}`;
    const { info } = await createApiToken({ name, scopes: ["events:read"], ownerId: owner.id, expiresInSeconds: 3600, actor });
    await failAuditsMentioning(name);
    await expect(revokeApiToken({ tokenId: info.id, actor })).rejects.toThrow(/audit refused/);
    expect(await count("api_tokens WHERE id = $1 AND revoked_at IS NULL", [info.id])).toBe(1);
  });
});

describe("archive policies", () => {
  it("a policy whose audit entry fails is not saved, changed or deleted", async () => {
    const refused = `${MARKER}-${unique()}`;
    await expect(saveArchivePolicy({ category: refused, olderThanDays: 30, historyOnly: true, enabled: true, actor })).rejects.toThrow(/audit refused/);
    expect(await count("archive_policies WHERE category = $1", [refused])).toBe(0);

    const category = `policy${unique()}`;
    await saveArchivePolicy({ category, olderThanDays: 30, historyOnly: true, enabled: true, actor });
    await failAuditsMentioning(category);
    await expect(saveArchivePolicy({ category, olderThanDays: 7, historyOnly: false, enabled: false, actor })).rejects.toThrow(/audit refused/);
    await expect(deleteArchivePolicy({ category, actor })).rejects.toThrow(/audit refused/);
    expect(await count("archive_policies WHERE category = $1 AND older_than_days = 30 AND history_only AND enabled", [category])).toBe(1);
  });
});
