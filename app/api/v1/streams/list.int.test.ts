import { beforeAll, describe, expect, it } from "vitest";
import { expectError, getEvents, getStreams, post, RFC3339_MICROS, shipped, unique, useV1Token, type Json } from "@/lib/testing/v1-api";

// GET /api/v1/streams through its route handler: streams in id order, filtered and paged, and refused queries.

beforeAll(useV1Token);

describe("hostile query parameters", () => {
  it.each([
    ["streams", "?prefix=%00"],
    ["streams", "?category=%00"],
    ["streams", "?after=order-%00"],
  ])("given GET /api/v1/%s%s, then 422 validation_failed rather than a server error", async (route, query) => {
    const r = route === "events" ? await getEvents(query) : await getStreams(query);
    expectError(r, 422, "validation_failed");
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
