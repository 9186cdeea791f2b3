import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isEnvelope } from "../lib/schema/envelope";
import { createTestToken } from "../lib/testing/auth-fixtures";
import { outsideDomain } from "../lib/testing/outside-domain";
import { dropReaderLogins, readerLogin } from "../lib/testing/reader-login";
import { boot, type Booted } from "./lib/boot";

// The whole path a team takes: their domain in a folder outside this checkout, `npm start`'s boot
// with HINDSIGHT_DOMAIN (the app build is reused: it never depends on the domain), the web server
// loading the compiled module through instrumentation.ts and the in-process worker importing the
// same file; then only HTTP calls, and a separate database client reading hindsight_read.
const root = path.resolve(__dirname, "..");
const user = outsideDomain();
let app: Booted;
let token = "";

beforeAll(async () => {
  process.env.HINDSIGHT_DOMAIN = user.dir;
  process.env.HINDSIGHT_DOMAIN_OUT = user.out;
  const dataDir = fs.mkdtempSync(path.join(user.out, "..", "data-"));
  app = await boot({ root, dataDir, port: Number(process.env.DOMAIN_APP_PORT ?? 3360), pgPort: 0, demoEvents: 0, log: () => undefined });
  token = (await createTestToken({ scopes: ["events:read", "events:append", "pii:read", "projections:rebuild"], ownerRole: "admin" })).token;
}, 900_000);

afterAll(async () => {
  await app?.stop();
  await dropReaderLogins();
  delete process.env.HINDSIGHT_DOMAIN;
  delete process.env.HINDSIGHT_DOMAIN_OUT;
  user.cleanup();
}, 60_000);

const api = async (method: string, p: string, body?: unknown) => {
  const res = await fetch(`${app.url}${p}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const got = await probe();
    if (got !== undefined) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("a domain outside the checkout, run by the app and a worker", () => {
  it("seals its PII, folds its streams with its reducer, and switches hindsight_read on promote while another client polls", async () => {
    const plans = ["free", "team", "team", "enterprise"];
    for (const [i, plan] of plans.entries()) {
      const events =
        i === 0
          ? [{ type: "CustomerRegistered", schemaVersion: 1, data: { customerId: "c0", email: "ada@example.org" } }]
          : [{ type: "CustomerRegistered", data: { customerId: `c${i}`, email: `c${i}@example.org`, plan } }];
      events.push({ type: "InvoiceIssued", data: { customerId: `c${i}`, amount: 10 * (i + 1) } } as never);
      expect((await api("POST", `/api/v1/streams/customer-c${i}/events`, { events })).status).toBe(201);
    }
    expect((await api("POST", "/api/v1/streams/customer-x/events", { events: [{ type: "InvoiceIssued", data: { customerId: "x", amount: -5 } }] })).status).toBe(422);

    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    // hindsight_read is read as the team's application would: a login in hindsight_reader.
    const reader = new pg.Client({ connectionString: await readerLogin() });
    await reader.connect();
    try {
      const { rows } = await db.query("SELECT data, data::text AS text FROM events WHERE stream_id = 'customer-c0' AND type = 'CustomerRegistered'");
      expect(isEnvelope(rows[0].data.email)).toBe(true);
      expect(rows[0].text).not.toContain("ada@example.org");

      const state = await api("GET", "/api/v1/streams/customer-c0/state");
      expect(state.body.state).toEqual({ customerId: "c0", email: "ada@example.org", plan: "free", invoiced: 10, invoices: 1 });

      const blue = await api("POST", "/api/v1/projections/customers-per-plan/rebuilds", { version: 1 });
      expect(blue.status).toBe(202);
      await until("v1 live", async () => ((await api("GET", "/api/v1/projections/customers-per-plan")).body.liveVersion === 1 ? true : undefined));

      const seen: { rows: number; versions: number[]; total: number }[] = [];
      let polling = true;
      const poll = (async () => {
        while (polling) {
          const r = await reader.query<{ version: number; customers: string }>("SELECT version, customers FROM hindsight_read.customers_per_plan");
          seen.push({ rows: r.rows.length, versions: [...new Set(r.rows.map((x) => x.version))], total: r.rows.reduce((n, x) => n + Number(x.customers), 0) });
        }
      })();
      const green = await api("POST", "/api/v1/projections/customers-per-plan/rebuilds", { version: 2 });
      expect(green.status).toBe(202);
      await until("v2 promoted", async () => {
        const r = await api("POST", "/api/v1/projections/customers-per-plan/promote", { version: 2 });
        return r.status === 200 ? r : undefined;
      });
      await new Promise((r) => setTimeout(r, 200));
      polling = false;
      await poll;

      expect(seen.filter((s) => s.rows !== 3 || s.total !== 4 || s.versions.length !== 1)).toEqual([]);
      expect(seen.map((s) => s.versions[0]).filter((v, i, all) => v !== all[i - 1])).toEqual([1, 2]);
      const label = await reader.query("SELECT state->>'label' AS label FROM hindsight_read.customers_per_plan WHERE key = 'team'");
      expect(label.rows).toEqual([{ label: "TEAM" }]);
    } finally {
      await db.end();
      await reader.end();
    }
  }, 300_000);
});
