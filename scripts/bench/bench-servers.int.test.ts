import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestToken } from "../../lib/testing/auth-fixtures";
import { startHindsightFast, type RunningServer } from "./servers";

// The bench's own front for Hindsight runs in a process of its own: it must load what the app
// loads (the domain, the pool) or every HTTP figure the bench prints measures error answers.
let server: RunningServer | undefined;

beforeAll(async () => {
  server = await startHindsightFast({ DATABASE_URL: process.env.DATABASE_URL!, HINDSIGHT_MASTER_KEY: process.env.HINDSIGHT_MASTER_KEY! });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

it("appends and reads through the bench's fast-path server as the bench does", async () => {
  const { token } = await createTestToken({ scopes: ["events:read", "events:append"] });
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const appended = await fetch(`${server!.url}/api/v1/streams/benchcheck-1/events`, {
    method: "POST",
    headers,
    body: JSON.stringify({ events: [{ type: "BenchChecked", data: { n: 1 } }] }),
  });
  expect(appended.status, await appended.clone().text()).toBe(201);
  // The stream, not the global log: other test files share this cluster, and a transaction of theirs
  // can keep the log's gap-safe horizon below this event for a while.
  const read = await fetch(`${server!.url}/api/v1/streams/benchcheck-1/events`, { headers });
  expect(read.status).toBe(200);
  const body = (await read.json()) as { events: Array<{ type: string }> };
  expect(body.events.map((e) => e.type)).toEqual(["BenchChecked"]);
});
