import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../audit/actor";
import { getPool } from "../db";
import { seedUser } from "../testing/auth-fixtures";
import { refusalOf } from "../testing/expectations";
import { createWebhook, sendTestWebhook } from "./manage-webhooks";
import { setEnv } from "../env";

// The probe: an ops user pointed a webhook at http://127.0.0.1:<port>/…, pressed "test", and read
// the internal answer. Against a real receiver on loopback: refused at creation, refused at every
// delivery (a name resolving to loopback too, at connect time), unless allow-listed; and the log
// keeps status and an error class, never the answer.

const LEAK = "INTERNAL-ADMIN-PAGE-CONTENT";
let hits = 0;
let server: http.Server;
let port = 0;
let ops: Actor;

beforeAll(async () => {
  setEnv({ HINDSIGHT_WEBHOOK_ALLOW_HOSTS: undefined });
  server = http.createServer((req, res) => {
    hits++;
    req.resume();
    req.on("end", () => res.writeHead(req.url === "/leak" ? 500 : 200, { "content-type": "text/plain" }).end(LEAK));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  const { user } = await seedUser({ role: "ops" });
  ops = { id: user.id, label: user.email };
});

afterAll(async () => {
  setEnv({ HINDSIGHT_WEBHOOK_ALLOW_HOSTS: undefined });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Creates an endpoint while its host is allow-listed, then takes the allow-list away (as a rebinding name would slip past creation). */
async function endpointPastCreation(url: string): Promise<string> {
  setEnv({ HINDSIGHT_WEBHOOK_ALLOW_HOSTS: new URL(url).host });
  try {
    return (await createWebhook({ name: `past ${url}`, url, actor: ops })).id;
  } finally {
    setEnv({ HINDSIGHT_WEBHOOK_ALLOW_HOSTS: undefined });
  }
}

describe("webhook targets", () => {
  it.each([
    () => `http://127.0.0.1:${port}/x`,
    () => `http://[::1]:${port}/x`,
    () => `http://[::ffff:127.0.0.1]:${port}/x`,
    () => `http://[::ffff:7f00:1]:${port}/x`,
    () => "http://169.254.169.254/latest/meta-data/",
    () => "http://10.1.2.3/hook",
    () => "http://100.64.0.9/hook",
    () => "http://[fd00:ec2::254]/",
    () => "http://[64:ff9b::7f00:1]/",
    () => "http://[2002:7f00:1::1]/",
    () => `http://localhost:${port}/x`,
    () => "http://2130706433/x",
    () => "http://0x7f.0.0.1/x",
  ])("refuses %s at creation without an allow-list", async (url) => {
    const refused = await refusalOf(createWebhook({ name: "probe", url: url(), actor: ops }));
    expect(refused.code).toBe("validation_failed");
    expect(refused.message).toMatch(/HINDSIGHT_WEBHOOK_ALLOW_HOSTS/);
    const { rows } = await getPool().query("SELECT 1 FROM webhook_endpoints WHERE url = $1", [url()]);
    expect(rows).toHaveLength(0);
  });

  it("refuses a link-local address with a zone id, and credentials in the URL", async () => {
    for (const url of ["http://[fe80::1%25eth0]/x", "https://user:pass@hooks.example.com/x"]) {
      expect((await refusalOf(createWebhook({ name: "probe", url, actor: ops }))).code).toBe("validation_failed");
    }
  });

  it("refuses every delivery to a loopback address, by literal or by a name resolved at connect time, and nothing reaches the receiver", async () => {
    const before = hits;
    for (const url of [`http://127.0.0.1:${port}/x`, `http://localhost:${port}/x`]) {
      const id = await endpointPastCreation(url);
      const result = await sendTestWebhook({ id, actor: ops });
      expect(result).toMatchObject({ status: "pending", responseCode: null, error: "blocked_address" });
    }
    expect(hits).toBe(before);
  });

  it("delivers to an allow-listed host:port only, and keeps the status and an error class, never the receiver's answer", async () => {
    setEnv({ HINDSIGHT_WEBHOOK_ALLOW_HOSTS: ` other.example , localhost:${port}` });
    const ok = await createWebhook({ name: "allowed", url: `http://localhost:${port}/hook`, actor: ops });
    expect(await sendTestWebhook({ id: ok.id, actor: ops })).toMatchObject({ status: "delivered", responseCode: 200, error: null });
    const leak = await createWebhook({ name: "leaky", url: `http://localhost:${port}/leak`, actor: ops });
    const result = await sendTestWebhook({ id: leak.id, actor: ops });
    expect(result).toMatchObject({ status: "pending", responseCode: 500, error: "http_error" });
    expect(JSON.stringify(result)).not.toContain(LEAK);
    // Another port of the same host is not on the list.
    expect((await refusalOf(createWebhook({ name: "other port", url: `http://localhost:${port + 1}/x`, actor: ops }))).code).toBe("validation_failed");
    const { rows } = await getPool().query<{ t: string }>(
      "SELECT d::text || coalesce((SELECT string_agg(a::text, '') FROM webhook_attempts a WHERE a.delivery_id = d.id), '') AS t FROM webhook_deliveries d WHERE d.endpoint_id = $1",
      [leak.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].t).not.toContain(LEAK);
    setEnv({ HINDSIGHT_WEBHOOK_ALLOW_HOSTS: undefined });
  });
});
