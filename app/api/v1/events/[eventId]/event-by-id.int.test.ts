import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db";
import { SUBJECT_KEYS_CHANNEL } from "@/lib/schema/subject-keys";
import { appendToStream } from "@/lib/store/append-to-stream";
import { apiRequest, createTestToken } from "@/lib/testing/auth-fixtures";
import { unique } from "@/lib/testing/expectations";
import { GET } from "./route";

// GET /api/v1/events/{eventId}: the event shape of DESIGN.md, PII per caller, its cause and its effects across streams.

type Json = Record<string, unknown>;
let masked = "";
let clear = "";
const userId = `u${unique()}`;
const email = `ann.${userId}@example.org`;
let registeredId = "";
let profileId = "";
const command = randomUUID();

beforeAll(async () => {
  masked = (await createTestToken({ scopes: ["events:read"] })).token;
  clear = (await createTestToken({ scopes: ["events:read", "pii:read"] })).token;
  const correlationId = randomUUID();
  // A command (not in the store) causes the registration, which causes an event in another stream.
  const reg = await appendToStream({
    streamId: `user-${userId}`,
    events: [{ type: "UserRegistered", data: { userId, email, name: "Ann", country: "DE" }, correlationId, causationId: command, metadata: { causationDepth: 0 } }],
  });
  registeredId = reg.events[0].eventId;
  const profile = await appendToStream({
    streamId: `profile-${userId}`,
    events: [{ type: "ProfileUpdated", data: { userId, displayName: "Ann B." }, correlationId, causationId: registeredId }],
  });
  profileId = profile.events[0].eventId;
});

async function get(eventId: string, token: string, query = "") {
  const res = await GET(apiRequest(`/api/v1/events/${eventId}${query}`, { token }), { params: Promise.resolve({ eventId }) });
  return { status: res.status, body: (await res.json()) as Json };
}

describe("GET /api/v1/events/{eventId}", () => {
  it("given a known id, then the event in the documented shape with its stream, version and links", async () => {
    const r = await get(profileId, masked);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    for (const field of ["eventId", "streamId", "streamVersion", "globalPosition", "type", "schemaVersion", "storedSchemaVersion", "data", "metadata", "correlationId", "causationId", "causationDepth", "recordedAt"]) {
      expect(r.body, field).toHaveProperty(field);
    }
    expect(r.body).toMatchObject({ eventId: profileId, streamId: `profile-${userId}`, streamVersion: 1, type: "ProfileUpdated", causationId: registeredId, causationDepth: 2 });
    // The cause lives in another stream: the response says where, so the console can link to it.
    expect(r.body.cause).toMatchObject({ eventId: registeredId, streamId: `user-${userId}`, streamVersion: 1, type: "UserRegistered" });
    expect(r.body.effects).toEqual({ count: 0, events: [] });
  });

  it("renders PII per caller: masked without pii:read, in clear with it, [erased] once the subject is shredded", async () => {
    expect((await get(registeredId, masked)).body.data).toMatchObject({ userId, email: "[masked]", name: "[masked]", country: "DE" });
    expect((await get(registeredId, clear)).body.data).toMatchObject({ email, name: "Ann" });

    const other = `u${unique()}`;
    const { events } = await appendToStream({ streamId: `user-${other}`, events: [{ type: "UserRegistered", data: { userId: other, email: `x.${other}@example.org`, name: "Xi", country: "FR" } }] });
    await getPool().query("UPDATE subject_keys SET status = 'destroyed', wrapped_key = NULL, destroyed_at = now() WHERE subject_id = $1", [other]);
    await getPool().query("SELECT pg_notify($1, $2)", [SUBJECT_KEYS_CHANNEL, other]);
    await expect.poll(async () => (await get(events[0].eventId, clear)).body.data).toMatchObject({ email: "[erased]", name: "[erased]", country: "FR" });
  });

  it("finds the effects across streams, lists the first ones in log order and counts them all", async () => {
    const r = await get(registeredId, masked);
    expect(r.body.effects).toEqual({ count: 1, events: [expect.objectContaining({ eventId: profileId, streamId: `profile-${userId}`, streamVersion: 1, type: "ProfileUpdated" })] });
    // A command id names nothing in the store: the cause is null, the causationId stays.
    expect(r.body).toMatchObject({ causationId: command, cause: null });

    // One event fanning out to 25 effects in five streams: 20 listed by default, all 25 counted.
    const fan = `fan-${unique()}`;
    const root = (await appendToStream({ streamId: `${fan}-root`, events: [{ type: "FanStarted", data: {} }] })).events[0].eventId;
    const effectIds: string[] = [];
    for (let s = 0; s < 5; s++) {
      const res = await appendToStream({ streamId: `${fan}-s${s}`, events: Array.from({ length: 5 }, (_, i) => ({ type: "FanReached", data: { i }, causationId: root })) });
      effectIds.push(...res.events.map((e) => e.eventId));
    }
    const fanned = await get(root, masked);
    const listed = (fanned.body.effects as { count: number; events: Json[] }).events;
    expect((fanned.body.effects as Json).count).toBe(25);
    expect(listed.map((e) => e.eventId)).toEqual(effectIds.slice(0, 20));
    expect(new Set(listed.map((e) => e.streamId)).size).toBe(4);
    expect(((await get(root, masked, "?effects=100")).body.effects as { events: Json[] }).events.map((e) => e.eventId)).toEqual(effectIds);
    expect(((await get(root, masked, "?effects=0")).body.effects as Json)).toEqual({ count: 25, events: [] });
  });

  it("given an unknown id, then 404 not_found; given a malformed id, then 400 bad_request", async () => {
    const unknown = await get(randomUUID(), masked);
    expect(unknown.status).toBe(404);
    expect((unknown.body.error as Json).code).toBe("not_found");
    for (const bad of ["not-a-uuid", "12345", `${randomUUID()}x`]) {
      const r = await get(bad, masked);
      expect(r.status, bad).toBe(400);
      expect((r.body.error as Json).code).toBe("bad_request");
    }
    expect((await get(profileId, masked, "?effects=1000")).status).toBe(422);
  });
});
