import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db";
import { expectError, getEvents, getStreams, post, shipped, unique, useV1Token, type Json } from "@/lib/testing/v1-api";

// GET /api/v1/events through its route handler: the global log in log order, and refused queries.

beforeAll(useV1Token);

describe("hostile query parameters", () => {
  it.each([
    ["events", "?category=%00"],
    ["events", "?type=a%00b"],
  ])("given GET /api/v1/%s%s, then 422 validation_failed rather than a server error", async (route, query) => {
    const r = route === "events" ? await getEvents(query) : await getStreams(query);
    expectError(r, 422, "validation_failed");
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
