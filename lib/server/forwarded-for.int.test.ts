import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestMeta } from "../auth/request-meta";
import { signInWithPassword } from "../auth/sign-in";
import { SIGN_IN_LIMITS } from "../auth/sign-in-limits";
import { getPool } from "../db";
import { createHindsightServer } from "./create-server";
import { closeGracefully, listen } from "./http-server";
import type { ServerSettings } from "./server-settings";

// A forged X-Forwarded-For neither dodges the per-address sign-in limit nor lands in the audit log;
// from a trusted proxy, the address it forwards is the caller's.

const settings = (trustedProxies: string[]): ServerSettings => ({ headersTimeoutMs: 5_000, bodyTimeoutMs: 5_000, keepAliveTimeoutMs: 5_000, maxHeaderBytes: 16_384, trustedProxies });

/** Behind our server, what the sign-in route does: the address comes from the request's headers. */
async function signInRoute(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let body = "";
  for await (const chunk of req) body += chunk;
  const { email, password } = JSON.parse(body);
  const result = await signInWithPassword({ email, password, ...requestMeta(req.headers) });
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
}

const servers: http.Server[] = [];
async function serve(trustedProxies: string[]): Promise<number> {
  const server = createHindsightServer({ bootId: "t", settings: settings(trustedProxies), fastHandlers: [], fallback: signInRoute, log: () => {} });
  await listen(server, 0, "127.0.0.1");
  servers.push(server);
  return (server.address() as AddressInfo).port;
}
afterAll(() => Promise.all(servers.map((s) => closeGracefully(s, 100))));

async function signIn(port: number, forwardedFor: string): Promise<{ ok: boolean; error?: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
    body: JSON.stringify({ email: `nobody-${randomUUID()}@test.local`, password: "wrong password" }),
  });
  return res.json();
}

async function auditAddresses(since: number): Promise<string[]> {
  const { rows } = await getPool().query<{ ip: string }>("SELECT DISTINCT ip FROM audit_log WHERE id > $1 AND action = 'auth.sign_in_failed'", [since]);
  return rows.map((r) => r.ip);
}

async function lastAuditId(): Promise<number> {
  const { rows } = await getPool().query<{ id: string | null }>("SELECT max(id) AS id FROM audit_log");
  return Number(rows[0].id ?? 0);
}

describe("the caller's address behind our server", () => {
  let direct: number;
  let viaProxy: number;
  beforeAll(async () => {
    direct = await serve([]);
    viaProxy = await serve(["127.0.0.1/32"]);
  });

  it("given a client forging a new X-Forwarded-For on every attempt, then its own address is limited and audited", async () => {
    const since = await lastAuditId();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      expect(await signIn(direct, `203.0.113.${i + 1}`)).toEqual({ ok: false, error: "invalid_credentials" });
    }
    expect(await signIn(direct, "198.51.100.250")).toMatchObject({ ok: false, error: "rate_limited" });
    expect(await auditAddresses(since)).toEqual(["127.0.0.1"]);
  });

  it("given a trusted proxy, then the address it forwards is the caller's, for the limit and the audit log", async () => {
    const since = await lastAuditId();
    // 127.0.0.1 used up its failures above; the forwarded client has not.
    expect(await signIn(viaProxy, "198.51.100.77")).toEqual({ ok: false, error: "invalid_credentials" });
    expect(await auditAddresses(since)).toEqual(["198.51.100.77"]);
  });
});
