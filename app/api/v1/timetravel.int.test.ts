import { beforeAll, describe, expect, it } from "vitest";
import { appendToStream } from "@/lib/store/append-to-stream";
import { apiRequest, createTestToken } from "@/lib/testing/auth-fixtures";
import { unique } from "@/lib/testing/expectations";
import { GET as getDiff } from "./streams/[streamId]/diff/route";
import { GET as getState } from "./streams/[streamId]/state/route";

// Time travel over the public API: /state and /diff, their shapes, refusals and PII per caller.

type Json = Record<string, unknown>;
let masked = "";
let clear = "";
const userId = `u${unique()}`;
const streamId = `user-${userId}`;
const email = `first.${userId}@example.org`;
let times: string[] = [];

beforeAll(async () => {
  masked = (await createTestToken({ scopes: ["events:read"] })).token;
  clear = (await createTestToken({ scopes: ["events:read", "pii:read"] })).token;
  await appendToStream({ streamId, events: [{ type: "UserRegistered", data: { userId, email, name: "Ann", country: "DE" } }] });
  await appendToStream({ streamId, events: [{ type: "UserUpdated", data: { userId, email: `second.${userId}@example.org`, source: "settings" } }] });
  const res = await call(getDiff, streamId, "diff", "?from=0", clear);
  times = (res.body.events as Json[]).map((e) => e.recordedAt as string);
});

async function call(handler: typeof getState, id: string, what: "state" | "diff", query: string, token: string) {
  const res = await handler(apiRequest(`/api/v1/streams/${encodeURIComponent(id)}/${what}${query}`, { token }), { params: Promise.resolve({ streamId: id }) });
  return { status: res.status, body: (await res.json()) as Json };
}

function expectError(r: { status: number; body: Json }, status: number, code: string): void {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect((r.body.error as Json).code).toBe(code);
}

describe("GET /api/v1/streams/{streamId}/state", () => {
  it("given no point, then 200 with exactly the documented fields at the latest version", async () => {
    const r = await call(getState, streamId, "state", "", masked);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(["at", "eventsFolded", "fromSnapshotVersion", "state", "streamId", "version"]);
    expect(r.body).toMatchObject({ streamId, version: 2, at: times[1], fromSnapshotVersion: null, eventsFolded: 2 });
  });

  it("given version= or at=, then the state as of that point", async () => {
    expect((await call(getState, streamId, "state", "?version=1", masked)).body).toMatchObject({ version: 1, at: times[0], state: { updates: 0 } });
    expect((await call(getState, streamId, "state", "?version=0", masked)).body).toMatchObject({ version: 0, at: null, state: { registered: false } });
    expect((await call(getState, streamId, "state", `?at=${encodeURIComponent(times[0])}`, masked)).body).toMatchObject({ version: 1 });
  });

  it("renders PII per caller: masked without pii:read, in clear with it", async () => {
    expect((await call(getState, streamId, "state", "?version=1", masked)).body.state).toMatchObject({ email: "[masked]", name: "[masked]", country: "DE" });
    expect((await call(getState, streamId, "state", "?version=1", clear)).body.state).toMatchObject({ email, name: "Ann" });
  });

  it.each([
    ["both version and at", "?version=1&at=2026-01-01T00:00:00Z"],
    ["a version that is not a number", "?version=abc"],
    ["a negative version", "?version=-1"],
    ["a time as version", "?version=2026-01-01T00:00:00Z"],
    ["a time that is not RFC 3339", "?at=yesterday"],
    ["a version past the end", "?version=3"],
  ])("given %s, then 422 validation_failed", async (_, query) => {
    expectError(await call(getState, streamId, "state", query, masked), 422, "validation_failed");
  });

  it("given an unknown stream, then 404; given an invalid stream id, then 422", async () => {
    expectError(await call(getState, `user-${unique()}`, "state", "", masked), 404, "stream_not_found");
    expectError(await call(getState, "-bad", "state", "", masked), 422, "validation_failed");
  });
});

describe("GET /api/v1/streams/{streamId}/diff", () => {
  it("given from and to, then both points, the changes and the events in between", async () => {
    const r = await call(getDiff, streamId, "diff", "?from=1&to=2", masked);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(["changes", "eventCount", "events", "from", "next", "streamId", "to"]);
    expect(Object.keys(r.body.from as Json).sort()).toEqual(["at", "eventsFolded", "fromSnapshotVersion", "state", "version"]);
    expect(r.body).toMatchObject({ streamId, from: { version: 1 }, to: { version: 2 }, eventCount: 1, next: null });
    expect(r.body.changes).toEqual([
      { path: "email", segments: ["email"], kind: "changed", before: "[masked]", after: "[masked]" },
      { path: "updates", segments: ["updates"], kind: "changed", before: 0, after: 1 },
      { path: "lastSource", segments: ["lastSource"], kind: "changed", before: null, after: "settings" },
    ]);
    expect((r.body.events as Json[]).map((e) => e.streamVersion)).toEqual([2]);
  });

  it("takes times as points, and shows PII in clear to a caller with pii:read", async () => {
    const r = await call(getDiff, streamId, "diff", `?from=${encodeURIComponent(times[0])}&to=${encodeURIComponent(times[1])}`, clear);
    expect(r.body).toMatchObject({ from: { version: 1 }, to: { version: 2 } });
    expect((r.body.changes as Json[])[0]).toMatchObject({ path: "email", before: email, after: `second.${userId}@example.org` });
  });

  it.each([
    ["no from", ""],
    ["from that is neither a version nor a time", "?from=soon"],
    ["from after to", "?from=2&to=1"],
    ["to past the end", "?from=0&to=9"],
    ["a limit of 0", "?from=0&limit=0"],
  ])("given %s, then 422 validation_failed", async (_, query) => {
    expectError(await call(getDiff, streamId, "diff", query, masked), 422, "validation_failed");
  });

  it("given an unknown stream, then 404", async () => {
    expectError(await call(getDiff, `user-${unique()}`, "diff", "?from=0", masked), 404, "stream_not_found");
  });
});
