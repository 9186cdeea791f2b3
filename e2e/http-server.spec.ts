import pg from "pg";
import { credentials, expect, test } from "./fixtures/auth";

// The app as served by our own HTTP server: its boot id, the API's JSON errors and cache rule, and
// the caller's address taken from the socket, whatever X-Forwarded-For a client sends.

test.use({ role: null });

test("the API answers through our server: boot id in health, no-store, JSON 405 and 400", async ({ api }) => {
  const health = await api.get("/api/health");
  expect((await health.json()).bootId).toMatch(/^[0-9a-f-]{36}$/);
  expect(health.headers()["cache-control"]).toBe("no-store");

  const list = await api.get("/api/v1/streams?limit=1");
  expect(list.status()).toBe(200);
  expect(list.headers()["cache-control"]).toBe("no-store");

  const wrongMethod = await api.delete("/api/v1/streams");
  expect(wrongMethod.status()).toBe(405);
  expect(wrongMethod.headers().allow).toBe("GET, HEAD, OPTIONS");
  expect((await wrongMethod.json()).error.code).toBe("method_not_allowed");

  for (const path of ["/api/v1/streams?prefix=%ff", "/api/v1/streams/%C0%AF/events", "/api/v1/events?after=%"]) {
    const bad = await api.get(path);
    expect(bad.status(), path).toBe(400);
    expect((await bad.json()).error.code).toBe("malformed_url");
  }
});

test("a forged X-Forwarded-For on a failed sign-in is not what the audit log records", async ({ request }) => {
  const email = `forged-${Date.now()}@hindsight.local`;
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: "not the password", callbackUrl: "/", json: "true" },
    headers: { "x-forwarded-for": "203.0.113.66", "x-real-ip": "203.0.113.66" },
  });
  expect(res.status()).toBeLessThan(500);
  const db = new pg.Client({ connectionString: (await credentials()).databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ ip: string }>("SELECT ip FROM audit_log WHERE action = 'auth.sign_in_failed' AND target = $1", [`user:${email}`]);
    expect(rows).toHaveLength(1);
    expect(["127.0.0.1", "::1"]).toContain(rows[0].ip);
  } finally {
    await db.end();
  }
});
