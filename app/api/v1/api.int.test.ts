import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db";
import { createTestToken } from "@/lib/testing/auth-fixtures";
import { GET as getLog } from "./events/route";
import { GET as listStreams } from "./streams/route";
import { GET as readStream, POST as append } from "./streams/[streamId]/events/route";

// The public API v1, called through its route handlers: status codes, bodies and error shapes.
// Calls carry an API token with the read and append scopes (auth itself: lib/auth/*.int.test.ts).

let auth: Record<string, string> = {};
beforeAll(async () => {
  const { token } = await createTestToken({ scopes: ["events:read", "events:append"] });
  auth = { authorization: `Bearer ${token}` };
});

const BASE = "http://hindsight.test/api/v1";
const unique = () => randomUUID().slice(0, 8);
const shipped = (orderId: string) => ({ type: "OrderShipped", data: { orderId, carrier: "dhl", trackingNumber: "T1" } });

type Json = Record<string, unknown>;
type Reply = { status: number; body: Json; headers: Headers };

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
}

async function post(streamId: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const req = new NextRequest(`${BASE}/streams/${encodeURIComponent(streamId)}/events`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...auth, ...headers },
  });
  return reply(await append(req, { params: Promise.resolve({ streamId }) }));
}

async function get(streamId: string, query = ""): Promise<Reply> {
  const req = new NextRequest(`${BASE}/streams/${encodeURIComponent(streamId)}/events${query}`, { headers: auth });
  return reply(await readStream(req, { params: Promise.resolve({ streamId }) }));
}

async function getEvents(query: string): Promise<Reply> {
  return reply(await getLog(new NextRequest(`${BASE}/events${query}`, { headers: auth }), { params: Promise.resolve({}) }));
}

async function getStreams(query: string): Promise<Reply> {
  return reply(await listStreams(new NextRequest(`${BASE}/streams${query}`, { headers: auth }), { params: Promise.resolve({}) }));
}

/** Every error is `{"error": {"code", "message", ...details}}` with the status its code implies. */
function expectError(r: Reply, status: number, code: string): Json {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(Object.keys(r.body)).toEqual(["error"]);
  const error = r.body.error as Json;
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe("string");
  expect((error.message as string).length).toBeGreaterThan(0);
  return error;
}

const RFC3339_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}[+-]\d{2}:\d{2}$/;

describe("POST /api/v1/streams/{streamId}/events", () => {
  it("given a new stream, when two events are appended, then 201 with the versions and positions given out", async () => {
    const streamId = `order-${unique()}`;
    const eventId = randomUUID();
    const r = await post(streamId, { expectedVersion: "no_stream", events: [{ ...shipped("o1"), eventId }, shipped("o1")] });

    expect(r.status).toBe(201);
    expect(Object.keys(r.body).sort()).toEqual(["events", "fromVersion", "streamId", "toVersion"]);
    expect(r.body).toMatchObject({ streamId, fromVersion: 1, toVersion: 2 });
    const events = r.body.events as Json[];
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({ eventId, streamVersion: 1, globalPosition: expect.any(Number) });
    expect(events[1]).toMatchObject({ streamVersion: 2, eventId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(events[1].globalPosition as number).toBeGreaterThan(events[0].globalPosition as number);
  });

  it("given an append with an Idempotency-Key header, when it is sent again, then 200 with duplicate: true and the same events", async () => {
    const streamId = `order-${unique()}`;
    const key = `idem-${unique()}`;
    const body = { events: [shipped("o1")] };
    const first = await post(streamId, body, { "idempotency-key": key });
    const again = await post(streamId, body, { "idempotency-key": key });
    const viaField = await post(streamId, { ...body, idempotencyKey: key });

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    expect(viaField.status).toBe(200);
    expect((await get(streamId)).body.version).toBe(1);
  });

  it("given a key header and a different key field, then 400", async () => {
    const r = await post(`order-${unique()}`, { idempotencyKey: "a", events: [shipped("o")] }, { "idempotency-key": "b" });
    expectError(r, 400, "bad_request");
  });

  it("given a key used for another request, then 409 idempotency_conflict", async () => {
    const streamId = `order-${unique()}`;
    await post(streamId, { idempotencyKey: `k-${streamId}`, events: [shipped("o1")] });
    const r = await post(streamId, { idempotencyKey: `k-${streamId}`, events: [shipped("o2")] });
    expectError(r, 409, "idempotency_conflict");
  });

  it("given a stream at version 1, when appending with expectedVersion 0, then 409 version_conflict with expectedVersion and actualVersion", async () => {
    const streamId = `order-${unique()}`;
    await post(streamId, { events: [shipped("o1")] });
    const r = await post(streamId, { expectedVersion: 0, events: [shipped("o1")] });
    const error = expectError(r, 409, "version_conflict");
    expect(error).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
    expect((await get(streamId)).body.version).toBe(1);
  });

  it("given an eventId already stored, then 409 duplicate_event_id", async () => {
    const eventId = randomUUID();
    await post(`order-${unique()}`, { events: [{ ...shipped("o"), eventId }] });
    const r = await post(`order-${unique()}`, { events: [{ ...shipped("o"), eventId: eventId.toUpperCase() }] });
    expectError(r, 409, "duplicate_event_id");
  });

  it.each([
    ["truncated JSON", '{"events": ['],
    ["not JSON at all", "events=1"],
    ["an empty body", ""],
  ])("given %s, then 400 malformed_json", async (_label, body) => {
    expectError(await post(`order-${unique()}`, body), 400, "malformed_json");
  });

  it("given a body that is not declared as JSON, then 415", async () => {
    expectError(await post(`order-${unique()}`, { events: [shipped("o")] }, { "content-type": "text/plain" }), 415, "unsupported_media_type");
  });

  it("given fields of the wrong types, then 422 validation_failed listing every issue by path", async () => {
    const r = await post(`order-${unique()}`, {
      expectedVersion: "sometimes",
      events: [{ type: 5, data: [], eventId: "not-a-uuid" }],
    });
    const error = expectError(r, 422, "validation_failed");
    const paths = (error.issues as { path: string; message: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["expectedVersion", "events.0.type", "events.0.data", "events.0.eventId"]));
  });

  it("given a registered type with invalid data, then 422 validation_failed naming the event and the field", async () => {
    const r = await post(`order-${unique()}`, { events: [shipped("o"), { type: "OrderPaid", data: { orderId: "o", amount: "ten", method: "cash" } }] });
    const error = expectError(r, 422, "validation_failed");
    expect(error.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ event: 1, path: "data.amount" }), expect.objectContaining({ event: 1, path: "data.method" })]),
    );
  });

  it("given no events or 1001 events, then 422 and nothing is written", async () => {
    const streamId = `order-${unique()}`;
    expectError(await post(streamId, { events: [] }), 422, "validation_failed");
    expectError(await post(streamId, { events: Array.from({ length: 1001 }, () => shipped("o")) }), 422, "validation_failed");
    expectError(await get(streamId), 404, "stream_not_found");
    expect((await post(streamId, { events: Array.from({ length: 1000 }, () => shipped("o")) })).status).toBe(201);
  });

  it("given a body over 1 MiB, then 413 payload_too_large, whether or not its length is declared", async () => {
    const streamId = `order-${unique()}`;
    const big = JSON.stringify({ events: [{ type: "Blob", data: { blob: "x".repeat(1024 * 1024) } }] });
    expectError(await post(streamId, big), 413, "payload_too_large");
    expectError(await post(streamId, big, { "content-length": String(Buffer.byteLength(big)) }), 413, "payload_too_large");
    expectError(await get(streamId), 404, "stream_not_found");
  });

  it.each([
    ["too long", `order-${"x".repeat(195)}`],
    ["a space", "order-1 2"],
    ["a tab", "order-1\t2"],
    ["a newline", "order-1\n2"],
    ["a control character", "order-1\u00072"],
    ["a NUL", "order-1\u00002"],
    ["a zero-width space", "order-1\u200b2"],
    ["an empty category", "-42"],
  ])("given a stream id with %s, then append and read answer 422 validation_failed", async (_label, streamId) => {
    expectError(await post(streamId, { events: [shipped("o")] }), 422, "validation_failed");
    expectError(await get(streamId), 422, "validation_failed");
  });

  it("given a stream id of exactly 200 characters, then it is accepted", async () => {
    const streamId = `order-${unique()}`.padEnd(200, "y");
    expect((await post(streamId, { events: [shipped("o")] })).status).toBe(201);
  });

  it("given data that PostgreSQL cannot store in jsonb (NUL, lone surrogate), then 422 validation_failed rather than a server error", async () => {
    const streamId = `misc-${unique()}`;
    expectError(await post(streamId, '{"events":[{"type":"Note","data":{"text":"a\\u0000b"}}]}'), 422, "validation_failed");
    expectError(await post(streamId, '{"events":[{"type":"Note","data":{"text":"a\\ud800b"}}]}'), 422, "validation_failed");
    expectError(await post(streamId, '{"events":[{"type":"Note","data":{"a\\u0000":1}}]}'), 422, "validation_failed");
    expectError(await post(streamId, '{"events":[{"type":"Note","data":{},"metadata":{"m":"\\u0000"}}]}'), 422, "validation_failed");
    expectError(await post(streamId, '{"events":[{"type":"No\\u0000te","data":{}}]}'), 422, "validation_failed");
    expectError(await post(streamId, '{"idempotencyKey":"k\\u0000","events":[{"type":"Note","data":{}}]}'), 422, "validation_failed");
    expectError(await get(streamId), 404, "stream_not_found");
  });
});

describe("out-of-range input is refused, not a server error", () => {
  it("given numbers past PostgreSQL's integer range for expectedVersion or causationDepth, then 422 validation_failed", async () => {
    const streamId = `order-${unique()}`;
    expectError(await post(streamId, { expectedVersion: 3_000_000_000, events: [shipped("o")] }), 422, "validation_failed");
    expectError(await post(streamId, { events: [{ ...shipped("o"), metadata: { causationDepth: 3_000_000_000 } }] }), 422, "validation_failed");
    expectError(await post(streamId, { events: [{ ...shipped("o"), metadata: { causationDepth: 2 ** 31 - 1 } }] }), 422, "validation_failed");
    expectError(await get(streamId), 404, "stream_not_found");
  });

  it("given a payload nested thousands of levels deep, then 422 validation_failed; modest nesting is fine", async () => {
    const streamId = `misc-${unique()}`;
    const nested = (depth: number) => `{"events":[{"type":"Deep","data":{"deep":${"[".repeat(depth)}${"]".repeat(depth)}}}]}`;
    expectError(await post(streamId, nested(20_000)), 422, "validation_failed");
    expectError(await post(streamId, nested(150)), 422, "validation_failed");
    expect((await post(streamId, nested(50))).status).toBe(201);
  });

  it("given fromVersion past the integer range, then 422 validation_failed", async () => {
    const streamId = `order-${unique()}`;
    await post(streamId, { events: [shipped("o")] });
    expectError(await get(streamId, "?fromVersion=3000000000"), 422, "validation_failed");
  });
});

describe("hostile input is stored and returned byte-identical", () => {
  const hostile = [
    "<script>alert(1)</script>",
    `"double" 'single' \`back\``,
    "'; DROP TABLE events;--",
    "Robert'); DROP TABLE streams;--",
    "\\ backslash \\\\ and \\u0041 literally",
    "ünïcödé — 日本語 — עברית — 🎉👩‍👩‍👧 — e\u0301",
    "\u202eright-to-left override",
    "%00 %2e%2e/ ../../etc/passwd",
    "{\"$pii\": \"looks:like:an:envelope:x\"}",
  ];

  it.each([
    ["markup", `order-<script>alert(1)</script>-${unique()}`],
    ["quotes", `order-"q"'s'\`b\`-${unique()}`],
    ["SQL", `order-';DROP/**/TABLE/**/events;--${unique()}`],
    ["unicode", `order-ünïcödé-日本語-🎉-e\u0301-${unique()}`],
    ["path tricks", `order-..%2F..%2Fetc/passwd?x=1#frag-${unique()}`],
  ])("given a stream id with %s, when events with hostile data are appended and read, then everything comes back as sent", async (_label, streamId) => {
    const data = Object.fromEntries(hostile.map((s, i) => [`field${i}`, s]));
    const metadata = { note: hostile[2], [hostile[0]]: hostile[5] };
    const appended = await post(streamId, { events: [{ type: "HostileNote", data, metadata }, { type: hostile[1], data: { [hostile[3]]: hostile } }] });
    expect(appended.status).toBe(201);
    expect(appended.body.streamId).toBe(streamId);

    const read = await get(streamId);
    expect(read.status).toBe(200);
    expect(read.body.streamId).toBe(streamId);
    const events = read.body.events as Json[];
    expect(events[0]).toMatchObject({ streamId, type: "HostileNote", data, metadata });
    expect(events[1]).toMatchObject({ streamId, type: hostile[1], data: { [hostile[3]]: hostile } });
    expect(JSON.stringify(events[0].data)).toBe(JSON.stringify(data));

    const listed = await getStreams(`?prefix=${encodeURIComponent(streamId)}`);
    expect((listed.body.streams as Json[]).map((s) => s.streamId)).toEqual([streamId]);

    const { rows } = await getPool().query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE stream_id = $1", [streamId]);
    expect(rows[0].n).toBe(2); // and the tables are all still there
  });
});

describe("hostile query parameters", () => {
  it.each([
    ["events", "?category=%00"],
    ["events", "?type=a%00b"],
    ["streams", "?prefix=%00"],
    ["streams", "?category=%00"],
    ["streams", "?after=order-%00"],
  ])("given GET /api/v1/%s%s, then 422 validation_failed rather than a server error", async (route, query) => {
    const r = route === "events" ? await getEvents(query) : await getStreams(query);
    expectError(r, 422, "validation_failed");
  });
});

describe("GET /api/v1/streams/{streamId}/events", () => {
  it("given an unknown stream, then 404 stream_not_found", async () => {
    const error = expectError(await get(`order-${unique()}`), 404, "stream_not_found");
    expect(error.streamId).toMatch(/^order-/);
  });

  it("given a stream, then events have the documented shape, upcast to the latest version unless raw=true", async () => {
    const streamId = `order-${unique()}`;
    const correlationId = randomUUID();
    await post(streamId, {
      events: [
        { type: "OrderPlaced", schemaVersion: 1, data: { orderId: "o", customerId: "c", items: [{ sku: "s", quantity: 1, unitPrice: 3 }], total: 3 }, correlationId },
        shipped("o"),
      ],
    });

    const r = await get(streamId);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ streamId, version: 2, next: null });
    const [placed] = r.body.events as Json[];
    expect(placed).toMatchObject({
      eventId: expect.any(String),
      streamId,
      streamVersion: 1,
      globalPosition: expect.any(Number),
      type: "OrderPlaced",
      schemaVersion: 2,
      storedSchemaVersion: 1,
      data: { orderId: "o", discountCode: null },
      metadata: {},
      correlationId,
      causationId: null,
      causationDepth: 0,
      recordedAt: expect.stringMatching(RFC3339_MICROS),
    });
    const raw = await get(streamId, "?raw=true");
    expect((raw.body.events as Json[])[0]).toMatchObject({ schemaVersion: 1, storedSchemaVersion: 1 });
    expect(((raw.body.events as Json[])[0].data as Json).discountCode).toBeUndefined();
  });

  it("given a stream of 5 events, when read with limit 2, then next pages through it", async () => {
    const streamId = `order-${unique()}`;
    await post(streamId, { events: Array.from({ length: 5 }, () => shipped("o")) });
    const versions: number[] = [];
    let query = "?limit=2";
    for (let guard = 0; guard < 10; guard++) {
      const page = await get(streamId, query);
      versions.push(...(page.body.events as Json[]).map((e) => e.streamVersion as number));
      if (page.body.next === null) break;
      query = `?limit=2&fromVersion=${page.body.next}`;
    }
    expect(versions).toEqual([1, 2, 3, 4, 5]);
  });

  it("given a malformed query, then 422 validation_failed", async () => {
    const streamId = `order-${unique()}`;
    await post(streamId, { events: [shipped("o")] });
    expectError(await get(streamId, "?limit=0"), 422, "validation_failed");
    expectError(await get(streamId, "?at=yesterday"), 422, "validation_failed");
    expectError(await get(streamId, "?at=2026-02-30"), 422, "validation_failed");
    expectError(await get(streamId, "?raw=maybe"), 422, "validation_failed");
  });
});

describe("GET /api/v1/events", () => {
  it("given events in several streams, when paging with next cursors, then the whole log comes back once, in log order", async () => {
    const category = `log${unique()}`;
    for (let i = 0; i < 4; i++) await post(`${category}-${i}`, { events: Array.from({ length: 3 + i }, () => shipped(`${i}`)) });
    const { rows } = await getPool().query<{ event_id: string }>("SELECT event_id FROM events ORDER BY tx_id, global_position");
    const expected = rows.map((r) => r.event_id);

    const seen: string[] = [];
    let after = "";
    for (let polls = 0; seen.length < expected.length && polls < 400; polls++) {
      const page = await getEvents(`?limit=7${after ? `&after=${after}` : ""}`);
      expect(page.status).toBe(200);
      expect(Object.keys(page.body).sort()).toEqual(["events", "next"]);
      expect(page.body.next).toEqual(expect.any(String));
      after = page.body.next as string;
      const events = page.body.events as Json[];
      expect(events.length).toBeLessThanOrEqual(7);
      seen.push(...events.map((e) => e.eventId as string));
      // Another test file's open transaction holds the whole cluster's log back for a moment: poll again.
      if (events.length === 0) await new Promise((r) => setTimeout(r, 50));
    }

    expect(seen).toEqual(expected);
    const last = await getEvents(`?after=${after}`);
    expect(last.body.events).toEqual([]);
    expect(last.body.next).toBe(after);
  });

  it("given a category filter, then only that category's events are returned", async () => {
    const category = `only${unique()}`;
    await post(`${category}-1`, { events: [shipped("a"), shipped("b")] });
    await post(`other${unique()}-1`, { events: [shipped("c")] });
    let events: Json[] = [];
    for (let polls = 0; events.length < 2 && polls < 100; polls++) {
      events = (await getEvents(`?category=${category}`)).body.events as Json[];
      if (events.length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(events.map((e) => (e.streamId as string).split("-")[0])).toEqual([category, category]);
  });

  it.each([["garbage", "?after=not-a-cursor"], ["a forged cursor", `?after=${Buffer.from("v2:1:1").toString("base64url")}`], ["an over-long position", `?after=${Buffer.from("v1:1:12345678901234567").toString("base64url")}`], ["a transaction id past xid8", `?after=${Buffer.from("v1:99999999999999999999:1").toString("base64url")}`]])(
    "given %s as cursor, then 400 invalid_cursor",
    async (_label, query) => {
      expectError(await getEvents(query), 400, "invalid_cursor");
    },
  );

  it("given a limit out of range, then 422 validation_failed", async () => {
    expectError(await getEvents("?limit=1001"), 422, "validation_failed");
    expectError(await getEvents("?limit=abc"), 422, "validation_failed");
  });
});

describe("GET /api/v1/streams", () => {
  it("given streams in two categories, then prefix and category filter them and next pages through them in id order", async () => {
    const cat = `shop${unique()}`;
    const ids = [`${cat}-a1`, `${cat}-a2`, `${cat}-a3`, `${cat}-b1`, `${cat}_x-1`];
    for (const id of ids) await post(id, { events: [shipped(id)] });

    const byCategory = await getStreams(`?category=${cat}`);
    expect(byCategory.status).toBe(200);
    expect((byCategory.body.streams as Json[]).map((s) => s.streamId)).toEqual(ids.slice(0, 4));
    expect(byCategory.body.next).toBeNull();
    expect((byCategory.body.streams as Json[])[0]).toEqual({
      streamId: `${cat}-a1`,
      category: cat,
      version: 1,
      eventCount: 1,
      bytes: expect.any(Number),
      firstEventAt: expect.stringMatching(RFC3339_MICROS),
      lastEventAt: expect.stringMatching(RFC3339_MICROS),
    });

    const byPrefix = await getStreams(`?prefix=${encodeURIComponent(`${cat}-a`)}`);
    expect((byPrefix.body.streams as Json[]).map((s) => s.streamId)).toEqual(ids.slice(0, 3));

    // '_' and '%' in a prefix are literal characters, not LIKE wildcards.
    const underscore = await getStreams(`?prefix=${encodeURIComponent(`${cat}_`)}`);
    expect((underscore.body.streams as Json[]).map((s) => s.streamId)).toEqual([`${cat}_x-1`]);
    const percent = await getStreams(`?prefix=${encodeURIComponent(`${cat}%`)}`);
    expect(percent.body.streams).toEqual([]);

    const paged: string[] = [];
    let query = `?category=${cat}&limit=3`;
    for (let guard = 0; guard < 5; guard++) {
      const page = await getStreams(query);
      paged.push(...(page.body.streams as Json[]).map((s) => s.streamId as string));
      if (!page.body.next) break;
      query = `?category=${cat}&limit=3&after=${encodeURIComponent(page.body.next as string)}`;
    }
    expect(paged).toEqual(ids.slice(0, 4));
  });

  it("given a limit out of range, then 422 validation_failed", async () => {
    expectError(await getStreams("?limit=0"), 422, "validation_failed");
    expectError(await getStreams("?limit=501"), 422, "validation_failed");
  });
});
