import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { apiRequest, createTestToken, seedUser, sessionCookie } from "@/lib/testing/auth-fixtures";
import { GET as listErasure } from "./erasure-requests/route";
import { GET as getLog } from "./events/route";
import { GET as readStream, POST as append } from "./streams/[streamId]/events/route";

// Input is never silently changed and bad input is a 4xx JSON error, never a 500: what a hostile
// client sends through the route handlers, and what is (not) stored afterwards.

let token = "";
let erasureToken = "";
beforeAll(async () => {
  token = (await createTestToken({ scopes: ["events:read", "events:append"] })).token;
  erasureToken = (await createTestToken({ scopes: ["erasure:write"], ownerRole: "compliance" })).token;
});

const stream = () => `fidelity-${randomUUID().slice(0, 8)}`;
type Reply = { status: number; body: { error?: { code: string; message: string } } & Record<string, unknown> };

async function post(streamId: string, body: string | Buffer, contentType = "application/json"): Promise<Reply> {
  const req = new NextRequest(`http://hindsight.test/api/v1/streams/${encodeURIComponent(streamId)}/events`, {
    method: "POST",
    body: typeof body === "string" ? body : new Uint8Array(body),
    headers: { "content-type": contentType, authorization: `Bearer ${token}` },
  });
  const res = await append(req, { params: Promise.resolve({ streamId }) });
  return { status: res.status, body: await res.json() };
}

async function stored(streamId: string): Promise<number> {
  const res = await readStream(apiRequest(`/api/v1/streams/${encodeURIComponent(streamId)}/events`, { token }), { params: Promise.resolve({ streamId }) });
  return res.status === 404 ? 0 : ((await res.json()).events as unknown[]).length;
}

const one = (event: string) => `{"events":[${event}]}`;

describe("input is never silently changed", () => {
  it("given bytes that are not UTF-8 inside a string, then 400 and nothing stored (not U+FFFD)", async () => {
    const id = stream();
    // "café" in Latin-1: the é is the lone byte 0xE9, which UTF-8 cannot start a character with.
    const body = Buffer.concat([Buffer.from('{"events":[{"type":"Noted","data":{"name":"caf'), Buffer.from([0xe9]), Buffer.from('"}}]}')]);
    const r = await post(id, body);
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe("malformed_json");
    expect(await stored(id)).toBe(0);
  });

  it("given a charset other than UTF-8, then 415; UTF-8 named either way is accepted", async () => {
    const id = stream();
    const body = one('{"type":"Noted","data":{"n":1}}');
    const latin = await post(id, body, "application/json; charset=iso-8859-1");
    expect(latin.status).toBe(415);
    expect(latin.body.error?.code).toBe("unsupported_media_type");
    expect((await post(id, body, "application/json; charset=UTF-8")).status).toBe(201);
    expect((await post(id, body, 'application/json;charset="utf8"')).status).toBe(201);
  });

  it.each([
    ["1e400", '{"type":"Noted","data":{"amount":1e400}}'],
    ["-1e400", '{"type":"Noted","data":{"n":1},"metadata":{"weight":-1e400}}'],
  ])("given the non-finite number %s, then 422 and nothing stored (not null)", async (_, event) => {
    const id = stream();
    const r = await post(id, one(event));
    expect(r.status).toBe(422);
    expect(r.body.error?.code).toBe("validation_failed");
    expect(await stored(id)).toBe(0);
  });

  it("given a __proto__ key anywhere in the body, then 422 rather than dropping it", async () => {
    for (const event of ['{"type":"Noted","data":{"__proto__":{"admin":true},"n":1}}', '{"type":"Noted","data":{"list":[{"__proto__":1}]}}']) {
      const id = stream();
      const r = await post(id, one(event));
      expect(r.status, event).toBe(422);
      expect(r.body.error?.message).toContain("__proto__");
      expect(await stored(id)).toBe(0);
    }
  });

  it("given an event naming itself as its own cause, then 422", async () => {
    const eventId = randomUUID();
    const r = await post(stream(), one(JSON.stringify({ type: "Noted", data: {}, eventId, causationId: eventId.toUpperCase() })));
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body)).toContain("own cause");
  });

  it.each(["\u202e", "\u202a", "\u2066", "\u2069"])("given the bidirectional control U+%s in a stream id or a type, then 422", async (ch) => {
    const spoofed = `order-1${ch}gpj.exe`;
    const byId = await post(spoofed, one('{"type":"Noted","data":{}}'));
    expect(byId.status).toBe(422);
    const byType = await post(stream(), one(JSON.stringify({ type: `Order${ch}Placed`, data: {} })));
    expect(byType.status).toBe(422);
  });
});

describe("bad input is a 4xx, never a 500", () => {
  it.each([2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER])("given schemaVersion %d beyond the integer range, then 422", async (v) => {
    const id = stream();
    const r = await post(id, one(JSON.stringify({ type: "UnregisteredThing", schemaVersion: v, data: {} })));
    expect(r.status).toBe(422);
    expect(await stored(id)).toBe(0);
  });

  it("given tampered erasure-request cursors, then 400 invalid_cursor", async () => {
    const cursors = [["not a time", randomUUID()], ["2026-01-01T00:00:00Z", "not-a-uuid"], [1, 2], ["2026-02-30T00:00:00Z", randomUUID()]].map((c) =>
      Buffer.from(JSON.stringify(c)).toString("base64url"),
    );
    for (const after of [...cursors, "%%%", "x"]) {
      const res = await listErasure(apiRequest(`/api/v1/erasure-requests?after=${encodeURIComponent(after)}`, { token: erasureToken }), { params: Promise.resolve({}) });
      expect(res.status, after).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_cursor");
    }
  });

  it("given tampered global-log cursors, then 400 invalid_cursor", async () => {
    for (const after of [Buffer.from("v1:99999999999999999999999:1").toString("base64url"), Buffer.from("v2:1:1").toString("base64url"), "!!"]) {
      const res = await getLog(apiRequest(`/api/v1/events?after=${encodeURIComponent(after)}`, { token }), { params: Promise.resolve({}) });
      expect(res.status, after).toBe(400);
    }
  });
});

describe("GET /api/health", () => {
  it("tells an anonymous caller only the status; an ops or admin session sees the database and worker details", async () => {
    const anonymous = await (await health(apiRequest("/api/health"))).json();
    // The boot id is public on purpose: a start checks it reached its own server. No error text, no heartbeat.
    expect(Object.keys(anonymous).sort()).toEqual(["bootId", "status"]);
    const viewer = (await seedUser({ role: "viewer" })).user;
    expect(Object.keys(await (await health(apiRequest("/api/health", { cookie: await sessionCookie(viewer) }))).json()).sort()).toEqual(["bootId", "status"]);
    const ops = (await seedUser({ role: "ops" })).user;
    const details = await (await health(apiRequest("/api/health", { cookie: await sessionCookie(ops) }))).json();
    expect(details).toMatchObject({ status: anonymous.status, database: { ok: true }, worker: { lastBeatSecondsAgo: null } });
    const monitoring = (await createTestToken({ scopes: ["stats:read"], ownerRole: "ops" })).token;
    expect(await (await health(apiRequest("/api/health", { token: monitoring }))).json()).toHaveProperty("database");
    expect(Object.keys(await (await health(apiRequest("/api/health", { token: "hs_bogus" }))).json()).sort()).toEqual(["bootId", "status"]);
  });
});
