import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createWebhook, sendTestWebhook } from "../../../lib/alerts/manage-webhooks";
import { sendDueWebhooks } from "../../../lib/alerts/send-webhooks";
import { seedUser } from "../../../lib/testing/auth-fixtures";
import { verifyWebhookSignature } from "../src";

// Real deliveries from lib/alerts/send-webhooks.ts to a node:http receiver that checks them with the client's helper.

type Receipt = { raw: string; headers: http.IncomingHttpHeaders };
const receipts: Receipt[] = [];
let server: http.Server;
let url = "";

beforeAll(async () => {
  // Webhooks never reach loopback unless an operator allows the host: this receiver is on loopback.
  process.env.HINDSIGHT_WEBHOOK_ALLOW_HOSTS = "127.0.0.1";
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      receipts.push({ raw: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it("accepts a real delivery and refuses it with another secret, a changed body or an old timestamp", async () => {
  const { user } = await seedUser({ role: "ops" });
  const actor = { id: user.id, label: user.email };
  const { id, secret } = await createWebhook({ name: "client-receiver", url, actor });
  await sendTestWebhook({ id, actor });
  await sendDueWebhooks();
  expect(receipts.length).toBeGreaterThan(0);
  const { raw, headers } = receipts.at(-1)!;
  expect(verifyWebhookSignature({ secret: secret!, body: raw, headers })).toBe(true);
  expect(verifyWebhookSignature({ secret: secret!, body: Buffer.from(raw), headers: new Headers(headers as Record<string, string>) })).toBe(true);
  expect(verifyWebhookSignature({ secret: `${secret}x`, body: raw, headers })).toBe(false);
  expect(verifyWebhookSignature({ secret: secret!, body: raw.replace("}", ', "x": 1}'), headers })).toBe(false);
  expect(verifyWebhookSignature({ secret: secret!, body: raw, headers, now: new Date(Date.now() + 3_600_000) })).toBe(false);
  expect(verifyWebhookSignature({ secret: secret!, body: raw, headers: { ...headers, "x-hindsight-signature": undefined } })).toBe(false);
});
