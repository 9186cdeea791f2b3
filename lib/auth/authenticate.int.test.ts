import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { isAppError } from "../errors";
import { POST as append, GET as readStream } from "../../app/api/v1/streams/[streamId]/events/route";
import { GET as readLog } from "../../app/api/v1/events/route";
import { apiRequest, createTestToken, seedUser, sessionCookie, TEST_ORIGIN, type ApiRequestOptions } from "../testing/auth-fixtures";
import { systemActor } from "../audit/actor";
import { revokeApiToken } from "./api-tokens";
import { authenticate } from "./caller";
import { changeUserRole, setUserStatus } from "./update-user";

// Who is calling: API tokens and sessions, each re-checked against the database on every request.

const admin = systemActor("authenticate-test");
const event = { events: [{ type: "AuthNoted", data: { ok: true } }] };
let n = 0;
const stream = () => `authtest-${Date.now()}-${n++}`;

async function call(method: "GET" | "POST", opts: ApiRequestOptions): Promise<{ status: number; code?: string; message?: string; text: string }> {
  const streamId = stream();
  const req = apiRequest(method === "POST" ? `/api/v1/streams/${streamId}/events` : "/api/v1/events?limit=1", { method, body: method === "POST" ? event : undefined, ...opts });
  const res = method === "POST" ? await append(req, { params: Promise.resolve({ streamId }) }) : await readLog(req, { params: Promise.resolve({}) });
  const text = await res.text();
  const body = text ? JSON.parse(text) : {};
  return { status: res.status, code: body.error?.code, message: body.error?.message, text };
}

/** Refusals are clear about what to do but say nothing about why a token or session failed, and never carry a stack. */
function expectRefusal(r: { status: number; code?: string; text: string }, status: number, code: string) {
  expect(r.status, r.text).toBe(status);
  expect(r.code).toBe(code);
  expect(r.text).not.toMatch(/at \w+ \(|\.ts:\d+|stack|revoked \(|disabled \(/i);
}

describe("API tokens", () => {
  it("given a token with read and append scopes, then it reads and appends; without a scope, 403 naming the permission", async () => {
    const { token } = await createTestToken({ scopes: ["events:read", "events:append"] });
    expect((await call("GET", { token })).status).toBe(200);
    expect((await call("POST", { token })).status).toBe(201);

    const { token: readOnly } = await createTestToken({ scopes: ["events:read"] });
    const denied = await call("POST", { token: readOnly });
    expectRefusal(denied, 403, "forbidden");
    expect(denied.message).toContain("events.append");
  });

  it.each([
    ["a malformed token", "not-a-token"],
    ["a well-formed token nobody issued", `hs_${"A".repeat(43)}`],
    ["a Basic header", null],
  ])("given %s, then 401 invalid_token", async (_label, token) => {
    const r = token === null ? await call("GET", { headers: { authorization: "Basic dXNlcjpwYXNz" } }) : await call("GET", { token });
    expectRefusal(r, 401, "invalid_token");
  });

  it("given a revoked token, then 401 from the next request on, with the same answer as an unknown one", async () => {
    const { token, tokenId } = await createTestToken({ scopes: ["events:read"] });
    expect((await call("GET", { token })).status).toBe(200);
    await revokeApiToken({ tokenId, actor: admin });
    const r = await call("GET", { token });
    expectRefusal(r, 401, "invalid_token");
    expect(r.message).toBe((await call("GET", { token: `hs_${"B".repeat(43)}` })).message);
  });

  it("given its owner is disabled, then the token stops at once; enabled again, it works again", async () => {
    const { token, owner } = await createTestToken({ scopes: ["events:read"] });
    await seedUser({ role: "admin" }); // so the owner is not the last admin
    await setUserStatus({ userId: owner.id, status: "disabled", actor: admin });
    expectRefusal(await call("GET", { token }), 401, "invalid_token");
    await setUserStatus({ userId: owner.id, status: "active", actor: admin });
    expect((await call("GET", { token })).status).toBe(200);
  });

  it("never grants more than its owner's role: pii:read from a viewer's token sees PII masked", async () => {
    const { token } = await createTestToken({ scopes: ["events:read", "pii:read", "events:append"], ownerRole: "viewer" });
    const caller = await authenticate(apiRequest("/api/v1/events", { token }));
    expect([...caller.permissions]).toEqual(["events.read"]);
    expect(caller.pii).toBe("masked");
    expectRefusal(await call("POST", { token }), 403, "forbidden");
  });

  it("writes last-used at most once a minute", async () => {
    const { token, tokenId } = await createTestToken({ scopes: ["events:read"] });
    const lastUsed = async () => (await getPool().query<{ t: string | null }>("SELECT last_used_at AS t FROM api_tokens WHERE id = $1", [tokenId])).rows[0].t;
    expect(await lastUsed()).toBeNull();
    await call("GET", { token });
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await call("GET", { token });
    expect(await lastUsed()).toBe(first);
    await getPool().query("UPDATE api_tokens SET last_used_at = now() - interval '61 seconds' WHERE id = $1", [tokenId]);
    const aged = await lastUsed();
    await call("GET", { token });
    expect(await lastUsed()).not.toBe(aged);
  });
});

describe("sessions", () => {
  it("given a valid session, then the user's role decides, and a role change applies to the very next request", async () => {
    const { user } = await seedUser({ role: "viewer" });
    const cookie = await sessionCookie(user);
    const caller = await authenticate(apiRequest("/api/v1/events", { cookie }));
    expect(caller).toMatchObject({ id: user.id, kind: "user", role: "viewer", pii: "masked" });
    await changeUserRole({ userId: user.id, role: "support", actor: admin });
    expect(await authenticate(apiRequest("/api/v1/events", { cookie }))).toMatchObject({ role: "support", pii: "clear" });
  });

  it("given no credentials, then 401 unauthenticated that says how to authenticate", async () => {
    const r = await call("GET", {});
    expectRefusal(r, 401, "unauthenticated");
    expect(r.message).toMatch(/sign in|Bearer/);
  });

  it.each([
    ["an expired session", { maxAge: -3600 }],
    ["a session from before its version was bumped", { sessionVersion: 0 }],
  ])("given %s, then 401 session_expired", async (_label, opts) => {
    const { user } = await seedUser({ role: "admin" });
    expectRefusal(await call("GET", { cookie: await sessionCookie(user, opts) }), 401, "session_expired");
  });

  it("given a garbled session cookie, then 401 session_expired, never a server error", async () => {
    expectRefusal(await call("GET", { cookie: "next-auth.session-token=garbage.garbage" }), 401, "session_expired");
  });

  it("given the user is disabled, then their session ends at once and stays ended after re-enabling", async () => {
    const { user } = await seedUser({ role: "compliance" });
    const cookie = await sessionCookie(user);
    expect((await call("GET", { cookie })).status).toBe(200);
    await setUserStatus({ userId: user.id, status: "disabled", actor: admin });
    expectRefusal(await call("GET", { cookie }), 401, "session_expired");
    await setUserStatus({ userId: user.id, status: "active", actor: admin });
    expectRefusal(await call("GET", { cookie }), 401, "session_expired");
  });

  it("given a bad Bearer token next to a valid session, then the token decides (401), never a fall-back to the cookie", async () => {
    const { user } = await seedUser({ role: "admin" });
    const r = await call("GET", { cookie: await sessionCookie(user), token: "hs_wrong" });
    expectRefusal(r, 401, "invalid_token");
  });
});

describe("cross-site requests", () => {
  it("refuses a state-changing request carried by the session cookie unless it comes from this site", async () => {
    const { user } = await seedUser({ role: "admin" });
    const cookie = await sessionCookie(user);
    expect((await call("POST", { cookie, origin: TEST_ORIGIN })).status).toBe(201);
    expect((await call("POST", { cookie, origin: null, headers: { "sec-fetch-site": "same-origin" } })).status).toBe(201);
    expectRefusal(await call("POST", { cookie, origin: "https://evil.example" }), 403, "cross_site_request");
    expectRefusal(await call("POST", { cookie, origin: null }), 403, "cross_site_request");
    expectRefusal(await call("POST", { cookie, origin: TEST_ORIGIN, headers: { "sec-fetch-site": "cross-site" } }), 403, "cross_site_request");
    expectRefusal(await call("POST", { cookie, origin: "null" }), 403, "cross_site_request");
    // Reads change nothing and stay open to links from elsewhere.
    expect((await call("GET", { cookie, origin: "https://evil.example" })).status).toBe(200);
  });

  it("lets token-authenticated writes through without an Origin: machines send no cookies", async () => {
    const { token } = await createTestToken({ scopes: ["events:append"] });
    expect((await call("POST", { token, origin: "https://elsewhere.example" })).status).toBe(201);
    expect((await call("POST", { token, origin: null })).status).toBe(201);
  });
});

describe("errors are typed", () => {
  it("authenticate() throws an AppError with a status, not a bare Error", async () => {
    const e = await authenticate(apiRequest("/api/v1/events")).catch((x: unknown) => x);
    expect(isAppError(e) && e.status).toBe(401);
    const r = await readStream(apiRequest("/api/v1/streams/x-1/events"), { params: Promise.resolve({ streamId: "x-1" }) });
    expect(r.status).toBe(401);
  });
});
