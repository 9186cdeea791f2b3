import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db";
import { expectError, get, getStreams, post, shipped, unique, useV1Token, type Json } from "@/lib/testing/v1-api";

// POST /api/v1/streams/{streamId}/events through its route handler: status codes, bodies and error shapes.

beforeAll(useV1Token);

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
