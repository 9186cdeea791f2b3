import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { AppError } from "../errors";
import { appendToStream, type AppendOptions, type AppendResult, type NewEvent } from "./append-to-stream";
import { refusalOf, unique } from "../testing/expectations";
import { openTransaction, untilBlocked } from "../testing/held-transactions";

// Invariant 2: an idempotency key is checked before the version check; a replay writes nothing.

const shipped = (orderId: string, trackingNumber = "TN-1"): NewEvent => ({ type: "OrderShipped", data: { orderId, carrier: "dhl", trackingNumber } });


async function eventCount(streamId: string): Promise<{ version: number; stored: number }> {
  const { rows } = await getPool().query<{ version: number; stored: number }>(
    `SELECT coalesce((SELECT version FROM streams WHERE stream_id = $1), 0) AS version,
            (SELECT count(*)::int FROM events WHERE stream_id = $1) AS stored`,
    [streamId],
  );
  return rows[0];
}

describe("idempotent appends", () => {
  it("given an append with a key, when the same request is sent again, then the original response comes back with duplicate: true and nothing is written", async () => {
    const streamId = `order-${unique()}`;
    const request: AppendOptions = { streamId, expectedVersion: "no_stream", idempotencyKey: `key-${unique()}`, events: [shipped(streamId), shipped(streamId, "TN-2")] };
    const original = await appendToStream(request);
    expect(original.duplicate).toBeUndefined();

    const replay = await appendToStream(request);

    expect(replay).toEqual({ ...original, duplicate: true });
    expect(await eventCount(streamId)).toEqual({ version: 2, stored: 2 });
  });

  it("given an append without client event ids, when it is retried, then the retry returns the event ids generated the first time", async () => {
    const streamId = `order-${unique()}`;
    const key = `key-${unique()}`;
    const original = await appendToStream({ streamId, idempotencyKey: key, events: [shipped(streamId)] });
    const replay = await appendToStream({ streamId, idempotencyKey: key, events: [shipped(streamId)] });
    expect(replay.duplicate).toBe(true);
    expect(replay.events).toEqual(original.events);
    const { rows } = await getPool().query<{ event_id: string }>("SELECT event_id FROM events WHERE stream_id = $1", [streamId]);
    expect(rows.map((r) => r.event_id)).toEqual([original.events[0].eventId]);
  });

  it("given an append with a key, when the retry lists the data's fields in another order, then it is the same request", async () => {
    const streamId = `order-${unique()}`;
    const key = `key-${unique()}`;
    await appendToStream({ streamId, idempotencyKey: key, events: [{ type: "OrderShipped", data: { orderId: "o", carrier: "ups", trackingNumber: "1" } }] });
    const replay = await appendToStream({ streamId, idempotencyKey: key, events: [{ type: "OrderShipped", data: { trackingNumber: "1", carrier: "ups", orderId: "o" } }] });
    expect(replay.duplicate).toBe(true);
    expect((await eventCount(streamId)).stored).toBe(1);
  });

  it("given the stream moved on after a keyed append, when the append is retried with its now stale expectedVersion, then it is a duplicate, not a version conflict", async () => {
    const streamId = `order-${unique()}`;
    const request: AppendOptions = { streamId, expectedVersion: "no_stream", idempotencyKey: `key-${unique()}`, events: [shipped(streamId)] };
    const original = await appendToStream(request);
    await appendToStream({ streamId, expectedVersion: 1, events: [shipped(streamId, "later")] });

    const replay = await appendToStream(request);

    expect(replay).toEqual({ ...original, duplicate: true });
    expect(await eventCount(streamId)).toEqual({ version: 2, stored: 2 });
  });

  it.each<[string, (streamId: string) => Partial<AppendOptions>]>([
    ["different data", (s) => ({ events: [shipped(s, "TN-other")] })],
    ["a different expectedVersion", () => ({ expectedVersion: 0 })],
    ["an extra event", (s) => ({ events: [shipped(s), shipped(s)] })],
    ["another stream", () => ({ streamId: `order-${unique()}` })],
  ])("given a key used once, when it is reused with %s, then idempotency_conflict and nothing is written", async (_label, change) => {
    const streamId = `order-${unique()}`;
    const request: AppendOptions = { streamId, expectedVersion: "any", idempotencyKey: `key-${unique()}`, events: [shipped(streamId)] };
    await appendToStream(request);
    const changed = { ...request, ...change(streamId) };

    const err = await refusalOf(appendToStream(changed));

    expect(err.code).toBe("idempotency_conflict");
    expect(err.status).toBe(409);
    expect(err.details).toMatchObject({ idempotencyKey: request.idempotencyKey });
    expect((await eventCount(streamId)).stored).toBe(1);
    if (changed.streamId !== streamId) expect((await eventCount(changed.streamId)).stored).toBe(0);
  });

  it("given a keyed append that was refused, when it is corrected and retried with the same key, then it is written (refusals do not burn the key)", async () => {
    const streamId = `order-${unique()}`;
    const key = `key-${unique()}`;
    await appendToStream({ streamId, events: [shipped(streamId)] });
    await refusalOf(appendToStream({ streamId, expectedVersion: "no_stream", idempotencyKey: key, events: [shipped(streamId, "x")] }));
    const retried = await appendToStream({ streamId, expectedVersion: 1, idempotencyKey: key, events: [shipped(streamId, "x")] });
    expect(retried.duplicate).toBeUndefined();
    expect(retried.fromVersion).toBe(2);
  });

  it("given 10 retries of one keyed append all in flight at once, then exactly one writes and all responses agree", async () => {
    const streamId = `order-${unique()}`;
    await appendToStream({ streamId, events: [shipped(streamId)] });
    const request: AppendOptions = { streamId, expectedVersion: 1, idempotencyKey: `key-${unique()}`, events: [shipped(streamId, "a"), shipped(streamId, "b")] };
    // Hold the stream so that every retry is inside the store before any of them can finish.
    const blocker = await openTransaction();
    await blocker.query("SELECT 1 FROM streams WHERE stream_id = $1 FOR UPDATE", [streamId]);

    const inFlight = Promise.all(Array.from({ length: 10 }, () => appendToStream(request)));
    await untilBlocked(10);
    await blocker.query("COMMIT");
    const responses = await inFlight;

    const originals = responses.filter((r) => !r.duplicate);
    expect(originals).toHaveLength(1);
    expect(originals[0]).toMatchObject({ fromVersion: 2, toVersion: 3 });
    for (const r of responses) expect({ ...r, duplicate: undefined }).toEqual({ ...originals[0], duplicate: undefined });
    expect(responses.filter((r) => r.duplicate === true)).toHaveLength(9);
    expect(await eventCount(streamId)).toEqual({ version: 3, stored: 3 });
  });

  it("given 10 unsynchronised concurrent retries of a keyed append creating a stream, then exactly one writes and all responses agree", async () => {
    const streamId = `order-${unique()}`;
    const request: AppendOptions = { streamId, expectedVersion: "no_stream", idempotencyKey: `key-${unique()}`, events: [shipped(streamId), shipped(streamId, "b")] };

    const responses = await Promise.all(Array.from({ length: 10 }, () => appendToStream(request)));

    expect(responses.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(responses.map((r) => JSON.stringify(r.events))).size).toBe(1);
    expect(await eventCount(streamId)).toEqual({ version: 2, stored: 2 });
  });

  it("given a client that timed out while its append was still blocked, when it retries with the same key, then both the original and the retry land once with the same answer", async () => {
    const streamId = `order-${unique()}`;
    await appendToStream({ streamId, events: [shipped(streamId)] });
    const request: AppendOptions = { streamId, expectedVersion: 1, idempotencyKey: `key-${unique()}`, events: [shipped(streamId, "slow")] };

    // Something holds the stream row, so the first attempt hangs past the client's deadline.
    const blocker = await openTransaction();
    await blocker.query("SELECT 1 FROM streams WHERE stream_id = $1 FOR UPDATE", [streamId]);

    const firstAttempt = appendToStream(request);
    const timedOut = await Promise.race([firstAttempt.then(() => "answered"), new Promise((r) => setTimeout(() => r("timed out"), 300))]);
    expect(timedOut).toBe("timed out");

    const retry = appendToStream(request); // the client's retry, while the first attempt is still in flight
    await untilBlocked(2);
    await blocker.query("COMMIT");
    const [original, replay] = await Promise.all([firstAttempt, retry]);

    expect(original.duplicate).toBeUndefined();
    expect(original.fromVersion).toBe(2);
    expect(replay).toEqual({ ...original, duplicate: true });
    expect(await eventCount(streamId)).toEqual({ version: 2, stored: 2 });

    // A retry much later, after the stream moved on, still gets the same answer.
    await appendToStream({ streamId, events: [shipped(streamId, "after")] });
    const late: AppendResult = await appendToStream(request);
    expect(late).toEqual({ ...original, duplicate: true });
    expect(await eventCount(streamId)).toEqual({ version: 3, stored: 3 });
  });

  it("when the key is empty or longer than 200 characters, then validation_failed", async () => {
    const streamId = `order-${unique()}`;
    for (const idempotencyKey of ["", "k".repeat(201)]) {
      const err = await refusalOf(appendToStream({ streamId, idempotencyKey, events: [shipped(streamId)] }));
      expect(err.code).toBe("validation_failed");
    }
    expect((await eventCount(streamId)).stored).toBe(0);
  });
});

