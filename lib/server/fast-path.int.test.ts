import { randomUUID } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as logRoute from "../../app/api/v1/events/route";
import * as streamRoute from "../../app/api/v1/streams/[streamId]/events/route";
import { systemActor } from "../audit/actor";
import { revokeApiToken } from "../auth/api-tokens";
import { changeUserRole } from "../auth/update-user";
import { getPool } from "../db";
import { apiRequest, createTestToken, seedUser, sessionCookie } from "../testing/auth-fixtures";
import { startFastServer, type FastServer } from "../testing/fast-server";
import { setEnv } from "../env";

// The node:http fast path against the Next.js route handlers it stands in for: same answers, same
// refusals, same audit of denials; plus what only it does (token cache, streamed body cap).
// The cache's fallback expiry is pushed far out, so only a NOTIFY can make a cached token stop working.
setEnv({ HINDSIGHT_TOKEN_CACHE_MS: "600000" });

let server: FastServer;
let token = "";

beforeAll(async () => {
  server = await startFastServer();
  token = (await createTestToken({ scopes: ["events:read", "events:append"] })).token;
});

afterAll(async () => {
  await server.close();
});

type Answer = { status: number; body: Record<string, unknown>; cacheControl: string | null };

async function viaFast(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, { method: init.method ?? "GET", body: init.body, headers: init.headers });
  return { status: res.status, body: await res.json(), cacheControl: res.headers.get("cache-control") };
}

async function viaNext(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const method = init.method ?? "GET";
  const req = apiRequest(path, { method, body: init.body, headers: init.headers });
  const streamId = /\/streams\/([^/]+)\/events/.exec(path)?.[1];
  const res = streamId
    ? await (method === "POST" ? streamRoute.POST : streamRoute.GET)(req, { params: Promise.resolve({ streamId: decodeURIComponent(streamId) }) })
    : await logRoute.GET(req, { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json(), cacheControl: res.headers.get("cache-control") };
}

/** Drops what differs between two otherwise equal answers: ids, positions and times. */
function shape(a: Answer): unknown {
  return JSON.parse(JSON.stringify(a.body), (k, v) => (["eventId", "globalPosition", "recordedAt", "next", "streamId"].includes(k) ? "·" : v));
}

describe("the fast path answers as the Next.js route does", () => {
  const json = (t = token) => ({ authorization: `Bearer ${t}`, "content-type": "application/json" });
  const cases: [string, (id: string) => { method?: string; path: string; body?: string; headers?: Record<string, string> }][] = [
    ["an append", (id) => ({ method: "POST", path: `/api/v1/streams/${id}/events`, body: JSON.stringify({ expectedVersion: "no_stream", events: [{ type: "FastNoted", data: { a: 1 } }] }), headers: json() })],
    ["a version conflict", (id) => ({ method: "POST", path: `/api/v1/streams/${id}/events`, body: JSON.stringify({ expectedVersion: 7, events: [{ type: "FastNoted", data: {} }] }), headers: json() })],
    ["invalid events", (id) => ({ method: "POST", path: `/api/v1/streams/${id}/events`, body: JSON.stringify({ events: [] }), headers: json() })],
    ["malformed JSON", (id) => ({ method: "POST", path: `/api/v1/streams/${id}/events`, body: "{", headers: json() })],
    ["a body that is not JSON", (id) => ({ method: "POST", path: `/api/v1/streams/${id}/events`, body: "a=1", headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" } })],
    ["a bad stream id", () => ({ method: "POST", path: `/api/v1/streams/${encodeURIComponent("a b")}/events`, body: "{}", headers: json() })],
    ["differing idempotency keys", (id) => ({ method: "POST", path: `/api/v1/streams/${id}/events`, body: JSON.stringify({ idempotencyKey: "x", events: [{ type: "FastNoted", data: {} }] }), headers: { ...json(), "idempotency-key": "y" } })],
    ["an unknown token", () => ({ path: "/api/v1/events?limit=1", headers: { authorization: "Bearer hs_unknown" } })],
    ["a malformed Authorization header", () => ({ path: "/api/v1/events?limit=1", headers: { authorization: "Basic abc" } })],
    ["a stream read", (id) => ({ path: `/api/v1/streams/${id}/events?limit=5`, headers: { authorization: `Bearer ${token}` } })],
    ["an unknown stream", () => ({ path: "/api/v1/streams/nothing-here/events", headers: { authorization: `Bearer ${token}` } })],
    ["a bad cursor", () => ({ path: "/api/v1/events?after=bm9wZQ", headers: { authorization: `Bearer ${token}` } })],
    ["a bad limit", () => ({ path: "/api/v1/events?limit=0", headers: { authorization: `Bearer ${token}` } })],
  ];
  for (const [name, make] of cases) {
    it(name, async () => {
      const fastId = `fast-${randomUUID().slice(0, 8)}`;
      const nextId = `fast-${randomUUID().slice(0, 8)}`;
      // Reads need a stream to exist; it gets one event on each side.
      if (name.includes("stream read")) for (const id of [fastId, nextId]) await viaFast(`/api/v1/streams/${id}/events`, { method: "POST", body: JSON.stringify({ events: [{ type: "FastNoted", data: {} }] }), headers: json() });
      if (name.includes("conflict")) for (const id of [fastId, nextId]) await viaFast(`/api/v1/streams/${id}/events`, { method: "POST", body: JSON.stringify({ events: [{ type: "FastNoted", data: {} }] }), headers: json() });
      const f = make(fastId);
      const n = make(nextId);
      const fast = await viaFast(f.path, f);
      const next = await viaNext(n.path, n);
      expect(fast.status).toBe(next.status);
      expect(shape(fast)).toEqual(shape(next));
      expect(fast.cacheControl).toBe("no-store");
      expect(next.cacheControl).toBe("no-store");
    });
  }
});

it("leaves requests without a bearer token (browsers, with their session cookie) to Next.js", async () => {
  const { user } = await seedUser({ role: "admin" });
  const res = await fetch(`${server.url}/api/v1/events?limit=1`, { headers: { cookie: await sessionCookie(user) } });
  // The test server has no Next.js behind it: 404 means the fast path passed the request on.
  expect(res.status).toBe(404);
  expect((await res.json()).error.message).toBe("not on the fast path");
});

it("audits a denial on the fast path like on the Next.js path", async () => {
  const { token: readOnly, owner } = await createTestToken({ scopes: ["events:read"] });
  const res = await viaFast(`/api/v1/streams/fast-denied/events`, { method: "POST", body: JSON.stringify({ events: [{ type: "FastNoted", data: {} }] }), headers: { authorization: `Bearer ${readOnly}`, "content-type": "application/json", "user-agent": "fast-test" } });
  expect(res.status).toBe(403);
  expect(res.body).toMatchObject({ error: { code: "forbidden", permission: "events.append" } });
  const { rows } = await getPool().query("SELECT action, target, ip, user_agent FROM audit_log WHERE actor_id = $1", [owner.id]);
  expect(rows).toEqual([{ action: "permission.denied", target: "POST /api/v1/streams/fast-denied/events", ip: "127.0.0.1", user_agent: "fast-test" }]);
});

it("refuses a body over the limit while it streams in, without a Content-Length, and writes nothing", async () => {
  const streamId = `fast-${randomUUID().slice(0, 8)}`;
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(`${server.url}/api/v1/streams/${streamId}/events`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    const filler = "x".repeat(256 * 1024);
    req.write(`{"events":[{"type":"FastNoted","data":{"f":"`);
    // 1.25 MiB in chunks, past the 1 MiB default; the server stops reading and answers.
    for (let i = 0; i < 5; i++) req.write(filler);
    req.end(`"}}]}`);
  });
  expect(status).toBe(413);
  const { rows } = await getPool().query("SELECT count(*)::int AS n FROM events WHERE stream_id = $1", [streamId]);
  expect(rows[0].n).toBe(0);
});

describe("the token cache follows auth changes through NOTIFY", () => {
  it("stops a revoked token, though its cached entry has not expired", async () => {
    const { token: t, tokenId } = await createTestToken({ scopes: ["events:read"] });
    expect((await viaFast("/api/v1/events?limit=1", { headers: { authorization: `Bearer ${t}` } })).status).toBe(200);
    await revokeApiToken({ tokenId, actor: systemActor("test") });
    await vi.waitFor(async () => expect((await viaFast("/api/v1/events?limit=1", { headers: { authorization: `Bearer ${t}` } })).status).toBe(401), { timeout: 5_000 });
  });

  it("narrows a token when its owner's role changes", async () => {
    const { user } = await seedUser({ role: "admin" });
    const { token: t } = await createTestToken({ scopes: ["events:read", "events:append"], owner: user });
    const append = () => viaFast(`/api/v1/streams/fast-role/events`, { method: "POST", body: JSON.stringify({ events: [{ type: "FastNoted", data: {} }] }), headers: { authorization: `Bearer ${t}`, "content-type": "application/json" } });
    expect((await append()).status).toBe(201);
    await changeUserRole({ userId: user.id, role: "viewer", actor: systemActor("test") });
    await vi.waitFor(async () => expect((await append()).status).toBe(403), { timeout: 5_000 });
  });
});
