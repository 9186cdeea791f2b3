import { beforeAll, describe, expect, it, vi } from "vitest";
import { getPool } from "../db";
import { seedUser, sessionCookie } from "../testing/auth-fixtures";
import { unique } from "../testing/expectations";
import { createAlertRuleAction, updateAlertRuleAction } from "./alert-actions";

// The rule form's server actions: the kind's own schema validates the generated fields (errors come
// back per field as params.<name>), and a change is audited with the signed-in user.

const request = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ getAll: () => (request.cookie ? [{ name: request.cookie.split("=")[0], value: request.cookie.slice(request.cookie.indexOf("=") + 1) }] : []) }),
  headers: async () => new Headers({ "x-hindsight-client-ip": "198.51.100.9" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

let opsId = "";
beforeAll(async () => {
  const { user } = await seedUser({ role: "ops" });
  opsId = user.id;
  request.cookie = await sessionCookie(user);
});

describe("rule form actions", () => {
  it("refuses parameters the kind does not accept, naming the field", async () => {
    const result = await createAlertRuleAction(null, form({ name: "bad", kind: "volume_threshold", severity: "warning", "params.scope": "category", "params.target": "x", "params.threshold": "0", "params.windowSeconds": "5" }));
    expect(result).toMatchObject({ ok: false, status: 422 });
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["params.threshold", "params.windowSeconds"]);
    expect(result.fieldErrors?.["params.windowSeconds"]).toBe("At least 10 seconds");
  });

  it("creates and edits a rule, each change audited with the user, its address and the parameters", async () => {
    const target = `act${unique()}`;
    const created = await createAlertRuleAction(null, form({ name: "Busy", kind: "volume_threshold", severity: "critical", "params.scope": "category", "params.target": target, "params.threshold": "100", "params.windowSeconds": "300" }));
    expect(created).toMatchObject({ ok: true });
    if (!created.ok) return;
    const { rows } = await getPool().query("SELECT kind, params, severity, created_by FROM alert_rules WHERE id = $1", [created.data.id]);
    expect(rows[0]).toEqual({ kind: "volume_threshold", params: { scope: "category", target, threshold: 100, windowSeconds: 300 }, severity: "critical", created_by: opsId });

    expect(await updateAlertRuleAction(null, form({ id: created.data.id, kind: "volume_threshold", name: "Busier", severity: "warning", "params.scope": "category", "params.target": target, "params.threshold": "50", "params.windowSeconds": "60" }))).toMatchObject({ ok: true });
    const audit = await getPool().query("SELECT action, actor_id, ip, details FROM audit_log WHERE details->>'id' = $1 ORDER BY id", [created.data.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(["alert_rule.created", "alert_rule.updated"]);
    expect(audit.rows[1]).toMatchObject({ actor_id: opsId, ip: "198.51.100.9", details: { before: { name: "Busy", params: { threshold: 100 } }, after: { name: "Busier", params: { threshold: 50, windowSeconds: 60 } } } });
  });
});
