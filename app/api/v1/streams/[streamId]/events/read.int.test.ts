import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { expectError, get, post, RFC3339_MICROS, shipped, unique, useV1Token, type Json } from "@/lib/testing/v1-api";

// GET /api/v1/streams/{streamId}/events through its route handler: status codes, bodies and error shapes.

beforeAll(useV1Token);

describe("out-of-range input is refused, not a server error", () => {
  it("given fromVersion past the integer range, then 422 validation_failed", async () => {
    const streamId = `order-${unique()}`;
    await post(streamId, { events: [shipped("o")] });
    expectError(await get(streamId, "?fromVersion=3000000000"), 422, "validation_failed");
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
