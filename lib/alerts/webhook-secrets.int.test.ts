import http from "node:http";
import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../audit/actor";
import { getPool } from "../db";
import { seedUser } from "../testing/auth-fixtures";
import { refusalOf } from "../testing/expectations";
import { listEndpointDeliveries } from "./list-alerts";
import { listWebhooks } from "./list-rules";
import { createWebhook, rotateWebhookSecret, sendTestWebhook } from "./manage-webhooks";
import { env, setEnv } from "../env";

// The probe: a webhook could name any environment variable as its secret (NEXTAUTH_SECRET, HOME…),
// so a receiver got an HMAC keyed by a server secret. Secrets are now entered or generated, sealed
// under the master key, shown masked and rotatable; no environment variable is ever read.

type Receipt = { raw: string; timestamp: string; signature: string };
const receipts: Receipt[] = [];
let server: http.Server;
let base = "";
let ops: Actor;

const sign = (secret: string, r: Receipt) => `sha256=${createHmac("sha256", secret).update(`${r.timestamp}.${r.raw}`).digest("hex")}`;

beforeAll(async () => {
  setEnv({ HINDSIGHT_WEBHOOK_ALLOW_HOSTS: "127.0.0.1" });
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      receipts.push({ raw: Buffer.concat(chunks).toString("utf8"), timestamp: String(req.headers["x-hindsight-timestamp"]), signature: String(req.headers["x-hindsight-signature"]) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { user } = await seedUser({ role: "ops" });
  ops = { id: user.id, label: user.email };
});

afterAll(async () => {
  setEnv({ HINDSIGHT_WEBHOOK_ALLOW_HOSTS: undefined });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("webhook secrets", () => {
  it("an endpoint of release 0.1.0 that named an environment variable signs nothing until it gets a new secret; then it signs with that one", async () => {
    const { rows } = await getPool().query<{ id: string }>(
      "INSERT INTO webhook_endpoints (name, url, secret_env, created_by) VALUES ('legacy', $1, 'NEXTAUTH_SECRET', 'release 0.1.0') RETURNING id",
      [`${base}/legacy`],
    );
    const id = rows[0].id;
    const before = receipts.length;
    expect(await sendTestWebhook({ id, actor: ops })).toMatchObject({ status: "pending", error: "needs_new_secret" });
    expect(receipts.length).toBe(before);
    expect((await listWebhooks({ showUrls: true })).find((w) => w.id === id)).toMatchObject({ needsSecret: true, secretHint: null });

    const { secret } = await rotateWebhookSecret({ id, actor: ops });
    expect(secret).toMatch(/^whsec_/);
    expect((await listWebhooks({ showUrls: true })).find((w) => w.id === id)).toMatchObject({ needsSecret: false, secretHint: secret!.slice(-4) });
    expect(await sendTestWebhook({ id, actor: ops })).toMatchObject({ status: "delivered" });
    const r = receipts.at(-1)!;
    expect(r.signature).toBe(sign(secret!, r));
    expect(r.signature).not.toBe(sign(env("NEXTAUTH_SECRET")!, r));
    const audit = await getPool().query("SELECT details::text AS d FROM audit_log WHERE action = 'webhook.secret_rotated' AND details->>'id' = $1", [id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].d).not.toContain(secret!);
  });

  it("an entered secret is sealed, never returned, shown by its last four characters, and signs; a weak one is refused", async () => {
    const entered = "entered-secret-for-the-pager-7f3a";
    const created = await createWebhook({ name: "entered", url: `${base}/entered`, secret: entered, actor: ops });
    expect(created.secret).toBeNull();
    const { rows } = await getPool().query<{ t: string }>("SELECT e::text AS t FROM webhook_endpoints e WHERE id = $1", [created.id]);
    expect(rows[0].t).not.toContain(entered);
    expect((await listWebhooks({ showUrls: true })).find((w) => w.id === created.id)?.secretHint).toBe("7f3a");
    await sendTestWebhook({ id: created.id, actor: ops });
    const r = receipts.at(-1)!;
    expect(r.signature).toBe(sign(entered, r));
    expect((await refusalOf(createWebhook({ name: "weak", url: `${base}/weak`, secret: "short", actor: ops }))).code).toBe("validation_failed");

    const replaced = "a-new-entered-secret-2b9c";
    expect(await rotateWebhookSecret({ id: created.id, secret: replaced, actor: ops })).toEqual({ secret: null });
    await sendTestWebhook({ id: created.id, actor: ops });
    const r2 = receipts.at(-1)!;
    expect(r2.signature).toBe(sign(replaced, r2));
  });

  it("receivers' URLs are left out of what a viewer's page is given", async () => {
    const { id } = await createWebhook({ name: "hidden", url: `${base}/hidden-path`, actor: ops });
    await sendTestWebhook({ id, actor: ops });
    const forViewer = JSON.stringify([await listWebhooks({ showUrls: false }), await listEndpointDeliveries(id, { showUrls: false })]);
    expect(forViewer).not.toContain("hidden-path");
    expect(forViewer).not.toContain("127.0.0.1");
    expect(JSON.stringify(await listWebhooks({ showUrls: true }))).toContain("hidden-path");
  });
});
