import http from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { seedUser } from "../testing/auth-fixtures";
import { unique } from "../testing/expectations";
import { freePort } from "../testing/global-setup";
import { evaluateRules } from "./evaluate-rules";
import { createAlertRule } from "./manage-rules";
import { createWebhook, sendTestWebhook } from "./manage-webhooks";
import { sendDueWebhooks, webhookBackoffMs } from "./send-webhooks";
import { setEnv } from "../env";

// Webhooks against a real HTTP receiver on a free local port: it checks every signature itself (with
// node:crypto, not our helper), fails the first delivery, and counts what it is told.

type Receipt = { deliveryId: string; event: string; body: Record<string, unknown>; signatureValid: boolean; status: number };

const receipts: Receipt[] = [];
let failNext = 0;
let secret = "";
let server: http.Server;
let url = "";

/** What a receiver does: HMAC-SHA256 over "<timestamp>.<raw body>" with the shared secret, compared in constant time. */
function verify(raw: string, timestamp: string, header: string, key: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", key).update(`${timestamp}.${raw}`).digest("hex")}`);
  const got = Buffer.from(header);
  return expected.length === got.length && timingSafeEqual(expected, got);
}

beforeAll(async () => {
  // The receiver listens on loopback, which webhooks may reach only when an operator allows it.
  setEnv({ HINDSIGHT_WEBHOOK_ALLOW_HOSTS: "127.0.0.1" });
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const signatureValid = verify(raw, String(req.headers["x-hindsight-timestamp"]), String(req.headers["x-hindsight-signature"]), secret);
      const body = JSON.parse(raw) as Record<string, unknown>;
      const status = !signatureValid ? 401 : failNext > 0 ? 500 : 200;
      if (status === 500) failNext--;
      receipts.push({ deliveryId: String(body.deliveryId), event: String(body.event), body, signatureValid, status });
      expect(req.headers["x-hindsight-delivery"]).toBe(body.deliveryId);
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 500 ? "receiver down" : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/hindsight`;
  const { user } = await seedUser({ role: "ops" });
  ops = { id: user.id, label: user.email };
  const created = await createWebhook({ name: "receiver", url, actor: ops });
  secret = created.secret!;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let ops: Actor;
const later = (t: Date, seconds: number) => new Date(t.getTime() + seconds * 1000);

it("the secret is shown once and stored only wrapped by the master key", async () => {
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  const { rows } = await getPool().query<{ secret_wrapped: Buffer }>("SELECT secret_wrapped FROM webhook_endpoints WHERE url = $1", [url]);
  expect(rows[0].secret_wrapped.includes(Buffer.from(secret))).toBe(false);
  expect(verify("{}", "1", `sha256=${createHmac("sha256", "not-the-secret").update("1.{}").digest("hex")}`, secret)).toBe(false);
});

it("given a firing alert, the first delivery fails (500) and is retried with backoff and delivered; the resolution is notified once though evaluations race", async () => {
  const category = `hook${unique()}`;
  for (let i = 0; i < 3; i++) await appendToStream({ streamId: `${category}-1`, events: [{ type: "Spiked", data: { i } }] });
  const { id: ruleId } = await createAlertRule({ name: `hooked ${category}`, kind: "volume_threshold", severity: "critical", params: { scope: "category", target: category, threshold: 2, windowSeconds: 60 }, actor: ops });
  const now = new Date(Date.now() + 1000);
  await evaluateRules({ now, ruleIds: [ruleId] });

  failNext = 1;
  expect(await sendDueWebhooks({ now })).toMatchObject({ attempted: 1, delivered: 0, retrying: 1 });
  const pending = await getPool().query("SELECT id, status, attempts, response_code, last_error, next_attempt_at FROM webhook_deliveries WHERE event = 'firing' AND body::jsonb->'rule'->>'id' = $1", [ruleId]);
  expect(pending.rows[0]).toMatchObject({ status: "pending", attempts: 1, response_code: 500, last_error: "http_error" });
  expect(new Date(pending.rows[0].next_attempt_at).getTime()).toBe(now.getTime() + webhookBackoffMs(1));

  // Not due yet: nothing is sent before the backoff has passed.
  expect(await sendDueWebhooks({ now: later(now, 1) })).toMatchObject({ attempted: 0 });
  expect(await sendDueWebhooks({ now: new Date(now.getTime() + webhookBackoffMs(1)) })).toMatchObject({ attempted: 1, delivered: 1 });

  const firing = receipts.filter((r) => r.event === "firing" && (r.body.rule as { id: string }).id === ruleId);
  expect(firing.map((r) => r.status)).toEqual([500, 200]);
  expect(firing.every((r) => r.signatureValid)).toBe(true);
  expect(new Set(firing.map((r) => r.deliveryId)).size).toBe(1); // the retry carries the same id, so receivers can drop repeats
  expect(firing[1].body).toMatchObject({ event: "firing", rule: { name: `hooked ${category}`, kind: "volume_threshold" }, alert: { state: "firing", severity: "critical", key: `category:${category}`, details: { observed: 3, threshold: 2 } } });
  const attempts = await getPool().query("SELECT attempt, response_code FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt", [pending.rows[0].id]);
  expect(attempts.rows).toEqual([{ attempt: 1, response_code: 500 }, { attempt: 2, response_code: 200 }]);

  // The window passes: three evaluations race to resolve, two more follow, the sender runs twice.
  const end = later(now, 120);
  await Promise.all([evaluateRules({ now: end, ruleIds: [ruleId] }), evaluateRules({ now: end, ruleIds: [ruleId] }), evaluateRules({ now: later(end, 0.001), ruleIds: [ruleId] })]);
  await evaluateRules({ now: later(end, 1), ruleIds: [ruleId] });
  await Promise.all([sendDueWebhooks({ now: later(end, 2) }), sendDueWebhooks({ now: later(end, 2) })]);
  await evaluateRules({ now: later(end, 3), ruleIds: [ruleId] });
  await sendDueWebhooks({ now: later(end, 4) });

  const resolved = receipts.filter((r) => r.event === "resolved" && (r.body.rule as { id: string }).id === ruleId);
  expect(resolved).toHaveLength(1);
  expect(resolved[0]).toMatchObject({ status: 200, signatureValid: true, body: { alert: { state: "resolved" } } });
  expect((resolved[0].body.alert as { resolvedAt: string }).resolvedAt).toBe(end.toISOString());
});

it("a test send is signed, delivered now, and logged", async () => {
  const { rows } = await getPool().query<{ id: string }>("SELECT id FROM webhook_endpoints WHERE url = $1", [url]);
  const result = await sendTestWebhook({ id: rows[0].id, actor: ops });
  expect(result).toMatchObject({ status: "delivered", responseCode: 200, error: null });
  const receipt = receipts.find((r) => r.deliveryId === result.deliveryId)!;
  expect(receipt).toMatchObject({ event: "test", signatureValid: true });
  const audit = await getPool().query("SELECT details FROM audit_log WHERE action = 'webhook.test_sent' AND target = 'webhook:receiver'");
  expect(audit.rows[0].details).toMatchObject({ deliveryId: result.deliveryId });
});

it("a receiver that is unreachable is retried until the last attempt, then the delivery is marked failed", async () => {
  const dead = await createWebhook({ name: "gone", url: `http://127.0.0.1:${await freePort()}/nothing-listens`, actor: ops });
  const { deliveryId } = await sendTestWebhook({ id: dead.id, actor: ops });
  let t = new Date();
  for (let i = 0; i < 10; i++) {
    t = new Date(t.getTime() + webhookBackoffMs(i + 1) + 1);
    await sendDueWebhooks({ now: t, deliveryIds: [deliveryId] });
  }
  const { rows } = await getPool().query("SELECT status, attempts, last_error FROM webhook_deliveries WHERE id = $1", [deliveryId]);
  expect(rows[0]).toMatchObject({ status: "failed", attempts: 8 });
  expect(rows[0].last_error).toBe("connection_refused");
});
