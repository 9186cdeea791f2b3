import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { seedUser } from "../testing/auth-fixtures";
import { unique } from "../testing/expectations";
import { acknowledgeAlert } from "./acknowledge-alert";
import { evaluateRules } from "./evaluate-rules";
import { createAlertRule, setAlertRuleEnabled, updateAlertRule } from "./manage-rules";
import { createSilence, expireSilence } from "./manage-silences";
import { createWebhook } from "./manage-webhooks";
import { setEnv } from "../env";

// The engine with a real kind (volume above a threshold) on real events: alerts fire, stay, resolve,
// can be acknowledged and silenced, and racing evaluations write each transition once.

let ops: Actor;
beforeAll(async () => {
  const { user } = await seedUser({ role: "ops" });
  ops = { id: user.id, label: user.email };
  // An endpoint (never sent to here: these tests read the outbox) so transitions enqueue deliveries.
  // An endpoint on a loopback port nobody listens on: allowed for this test only.
  setEnv({ HINDSIGHT_WEBHOOK_ALLOW_HOSTS: "127.0.0.1" });
  await createWebhook({ name: `outbox-${unique()}`, url: "http://127.0.0.1:9/never-sent", actor: ops });
});

const pool = () => getPool();
const later = (t: Date, seconds: number) => new Date(t.getTime() + seconds * 1000);

/** A fresh category with `n` events appended now, and a rule on it: more than 2 events in 60 s. */
async function given(n: number): Promise<{ category: string; ruleId: string }> {
  const category = `vol${unique()}`;
  for (let i = 0; i < n; i++) await appendToStream({ streamId: `${category}-${i % 2}`, events: [{ type: "Ticked", data: { i } }] });
  const { id } = await createAlertRule({ name: `busy ${category}`, kind: "volume_threshold", severity: "warning", params: { scope: "category", target: category, threshold: 2, windowSeconds: 60 }, actor: ops });
  return { category, ruleId: id };
}

const alertsOf = async (ruleId: string) =>
  (await pool().query<{ id: number; state: string; summary: string; details: Record<string, unknown>; silenced: boolean; notified: boolean; resolved_at: string | null }>(
    "SELECT id, state, summary, details, silenced, notified, resolved_at FROM alerts WHERE rule_id = $1 ORDER BY id",
    [ruleId],
  )).rows;

const deliveriesOf = async (alertId: number) =>
  (await pool().query<{ event: string; body: string }>("SELECT event, body FROM webhook_deliveries WHERE alert_id = $1 ORDER BY created_at", [alertId])).rows.map((d) => d.event);

const historyOf = async (alertId: number) =>
  (await pool().query<{ event: string }>("SELECT event FROM alert_events WHERE alert_id = $1 ORDER BY id", [alertId])).rows.map((e) => e.event);

describe("an alert's life", () => {
  it("given 3 events in a minute, when evaluated, then it fires with the facts; while they are found it stays one alert; a minute later it resolves", async () => {
    const { category, ruleId } = await given(3);
    const now = new Date();
    expect(await evaluateRules({ now, ruleIds: [ruleId] })).toMatchObject({ rules: 1, fired: 1, resolved: 0 });
    const [fired] = await alertsOf(ruleId);
    expect(fired).toMatchObject({ state: "firing", notified: true, silenced: false });
    expect(fired.summary).toBe(`${category}: 3 events in 1 min (threshold 2)`);
    expect(fired.details).toMatchObject({ observed: 3, threshold: 2, windowSeconds: 60 });

    expect(await evaluateRules({ now: later(now, 30), ruleIds: [ruleId] })).toMatchObject({ fired: 0, resolved: 0 });
    expect(await alertsOf(ruleId)).toHaveLength(1);

    expect(await evaluateRules({ now: later(now, 61), ruleIds: [ruleId] })).toMatchObject({ fired: 0, resolved: 1 });
    const [resolved] = await alertsOf(ruleId);
    expect(resolved.state).toBe("resolved");
    expect(resolved.resolved_at).not.toBeNull();
    expect(await historyOf(resolved.id)).toEqual(["fired", "resolved"]);
    expect(await deliveriesOf(resolved.id)).toEqual(["firing", "resolved"]);
  });

  it("given a resolved alert, when the rule finds the key again, then a new alert opens and the old one stays in the history", async () => {
    const { category, ruleId } = await given(3);
    const now = new Date();
    await evaluateRules({ now, ruleIds: [ruleId] });
    const rule = (threshold: number) => ({ id: ruleId, name: `busy ${category}`, severity: "warning" as const, params: { scope: "category", target: category, threshold, windowSeconds: 60 }, actor: ops });
    await updateAlertRule(rule(10));
    await evaluateRules({ now: later(now, 1), ruleIds: [ruleId] });
    expect((await alertsOf(ruleId)).map((a) => a.state)).toEqual(["resolved"]);
    await updateAlertRule(rule(2));
    await evaluateRules({ now: later(now, 2), ruleIds: [ruleId] });
    expect((await alertsOf(ruleId)).map((a) => a.state)).toEqual(["resolved", "firing"]);
  });

  it("when an ops user acknowledges it with a comment, then the alert, its history and the audit log say who and why", async () => {
    const { ruleId } = await given(3);
    await evaluateRules({ now: new Date(), ruleIds: [ruleId] });
    const [alert] = await alertsOf(ruleId);
    await acknowledgeAlert({ alertId: alert.id, comment: "looking at the ticker feed", actor: ops });
    const { rows } = await pool().query("SELECT acknowledged_by, ack_comment, acknowledged_at, state FROM alerts WHERE id = $1", [alert.id]);
    expect(rows[0]).toMatchObject({ acknowledged_by: ops.label, ack_comment: "looking at the ticker feed", state: "firing" });
    expect(rows[0].acknowledged_at).not.toBeNull();
    expect(await historyOf(alert.id)).toEqual(["fired", "acknowledged"]);
    const audit = await pool().query("SELECT actor_id, details FROM audit_log WHERE action = 'alert.acknowledged' AND target = $1", [`alert:${alert.id}`]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ actor_id: ops.id, details: { comment: "looking at the ticker feed" } });
  });

  it("when its rule is disabled, then its firing alert closes and the rule is no longer evaluated", async () => {
    const { ruleId } = await given(3);
    await evaluateRules({ now: new Date(), ruleIds: [ruleId] });
    await setAlertRuleEnabled({ id: ruleId, enabled: false, actor: ops });
    expect((await alertsOf(ruleId)).map((a) => a.state)).toEqual(["resolved"]);
    expect(await evaluateRules({ now: later(new Date(), 1), ruleIds: [ruleId] })).toMatchObject({ rules: 0, fired: 0 });
  });
});

describe("silences", () => {
  it("given a silenced category, the alert is recorded (marked silenced) but not notified; once the silence is expired it is notified, and its resolution too", async () => {
    const { category, ruleId } = await given(3);
    const silence = await createSilence({ category, reason: "load test in progress", endsAt: later(new Date(), 3600), actor: ops });
    const now = new Date();
    expect(await evaluateRules({ now, ruleIds: [ruleId] })).toMatchObject({ fired: 1 });
    const [alert] = await alertsOf(ruleId);
    expect(alert).toMatchObject({ state: "firing", silenced: true, notified: false });
    expect(await deliveriesOf(alert.id)).toEqual([]);

    await expireSilence({ id: silence.id, actor: ops });
    await evaluateRules({ now: later(now, 1), ruleIds: [ruleId] });
    expect(await alertsOf(ruleId)).toMatchObject([{ silenced: false, notified: true }]);
    expect(await deliveriesOf(alert.id)).toEqual(["firing"]);
    expect(await historyOf(alert.id)).toEqual(["fired", "unsilenced"]);

    await evaluateRules({ now: later(now, 61), ruleIds: [ruleId] });
    expect(await deliveriesOf(alert.id)).toEqual(["firing", "resolved"]);
    const audit = await pool().query("SELECT action FROM audit_log WHERE target = $1 ORDER BY id", [`category:${category}`]);
    expect(audit.rows.map((r) => r.action)).toEqual(["alert_silence.created", "alert_silence.expired"]);
  });

  it("given a silenced rule that fires and resolves while silenced, receivers hear nothing at all", async () => {
    const { ruleId } = await given(3);
    await createSilence({ ruleId, reason: "known noisy", endsAt: later(new Date(), 3600), actor: ops });
    const now = new Date();
    await evaluateRules({ now, ruleIds: [ruleId] });
    await evaluateRules({ now: later(now, 61), ruleIds: [ruleId] });
    const [alert] = await alertsOf(ruleId);
    expect(alert).toMatchObject({ state: "resolved", silenced: true, notified: false });
    expect(await deliveriesOf(alert.id)).toEqual([]);
  });
});

describe("racing evaluations", () => {
  it("when two evaluations run at the same instant, then one alert opens and one delivery per transition is queued", async () => {
    const { ruleId } = await given(3);
    const now = new Date();
    const results = await Promise.all([evaluateRules({ now, ruleIds: [ruleId] }), evaluateRules({ now, ruleIds: [ruleId] })]);
    expect(results.map((r) => r.fired).sort()).toEqual([0, 1]);
    expect(results.map((r) => r.fenced).sort()).toEqual([0, 1]);
    const alerts = await alertsOf(ruleId);
    expect(alerts).toHaveLength(1);
    expect(await deliveriesOf(alerts[0].id)).toEqual(["firing"]);
  });

  it("when several evaluations at nearby instants race, then still one alert, one firing and one resolution", async () => {
    const { ruleId } = await given(3);
    const now = new Date();
    await Promise.all([0, 1, 2, 3].map((ms) => evaluateRules({ now: new Date(now.getTime() + ms), ruleIds: [ruleId] })));
    const end = later(now, 61);
    await Promise.all([0, 1, 2, 3].map((ms) => evaluateRules({ now: new Date(end.getTime() + ms), ruleIds: [ruleId] })));
    const alerts = await alertsOf(ruleId);
    expect(alerts.map((a) => a.state)).toEqual(["resolved"]);
    expect(await deliveriesOf(alerts[0].id)).toEqual(["firing", "resolved"]);
    expect(await historyOf(alerts[0].id)).toEqual(["fired", "resolved"]);
  });

  it("an evaluation older than the last one writes nothing (a slow evaluation cannot undo a newer one)", async () => {
    const { ruleId } = await given(3);
    const now = new Date();
    await evaluateRules({ now, ruleIds: [ruleId] });
    expect(await evaluateRules({ now: later(now, -5), ruleIds: [ruleId] })).toMatchObject({ fenced: 1, fired: 0, resolved: 0 });
  });
});
