import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures/auth";
import type { APIRequestContext } from "@playwright/test";

type StreamRow = { streamId: string; version: number; lastEventAt: string };
type EventRow = { streamVersion: number; type: string; recordedAt: string; storedSchemaVersion: number };

const streamPath = (id: string) => `/streams/${encodeURIComponent(id)}`;

async function orderStreams(api: APIRequestContext): Promise<StreamRow[]> {
  const res = await api.get("/api/v1/streams?category=order&limit=200");
  expect(res.ok()).toBe(true);
  return (await res.json()).streams as StreamRow[];
}

async function eventsOf(api: APIRequestContext, streamId: string, raw = false): Promise<EventRow[]> {
  const res = await api.get(`/api/v1/streams/${encodeURIComponent(streamId)}/events?limit=50${raw ? "&raw=true" : ""}`);
  return (await res.json()).events as EventRow[];
}

test.describe("Time travel", () => {
  test("moves the cursor by keyboard and by date, compares two points, and a pasted URL reproduces the view", async ({ page, api, context }) => {
    const stream = (await orderStreams(api)).find((s) => s.version >= 3);
    expect(stream, "a demo order stream with at least 3 events").toBeTruthy();
    const { streamId, version } = stream!;

    await page.goto(`${streamPath(streamId)}?v=1`);
    await expect(page.getByRole("heading", { name: "State at version 1" })).toBeVisible();

    // Keyboard: focus the timeline, two steps right.
    const timeline = page.getByRole("listbox", { name: "Events of this stream" });
    await timeline.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("heading", { name: "State at version 3" })).toBeVisible();
    await expect(page).toHaveURL(/[?&]v=3(&|$)/);
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByRole("heading", { name: "State at version 2" })).toBeVisible();

    // By date: the second event's time (to the second, as the input takes it) resolves through the state API.
    const events = await eventsOf(api, streamId);
    const second = new Date(events[1].recordedAt).toISOString().slice(0, 19);
    const expected = (await (await api.get(`/api/v1/streams/${encodeURIComponent(streamId)}/state?at=${second}Z`)).json()).version as number;
    await page.keyboard.press("End");
    await expect(page.getByRole("heading", { name: `State at version ${version}` })).toBeVisible();
    await page.getByLabel("State at time (UTC)").fill(second);
    await page.getByRole("button", { name: "Go to time" }).click();
    await expect(page.getByRole("heading", { name: `State at version ${expected}` })).toBeVisible();

    // Two points: pin version 1, move the cursor to the end, see the field-level diff and the events in between.
    await page.getByRole("option").filter({ hasText: events[0].type }).first().click();
    await expect(page.getByRole("heading", { name: "State at version 1" })).toBeVisible();
    await page.getByRole("button", { name: "Compare with…" }).click();
    await timeline.focus();
    await page.keyboard.press("End");
    const diffHeading = page.getByRole("heading", { name: `Changes from version 1 to ${version}` });
    await expect(diffHeading).toBeVisible();
    await expect(page.locator(".tm-changes tbody tr").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Events in between" })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`[?&]v=${version}&cmp=1$`));
    await page.screenshot({ path: "test-results/screens/time-travel-diff.png", fullPage: true });

    // The same URL in a fresh page shows the same two points and the same changes.
    const url = page.url();
    const changes = await page.locator(".tm-changes tbody tr").count();
    const fresh = await context.newPage();
    await fresh.goto(url);
    await expect(fresh.getByRole("heading", { name: `State at version ${version}` })).toBeVisible();
    await expect(fresh.getByRole("heading", { name: `Changes from version 1 to ${version}` })).toBeVisible();
    await expect(fresh.locator(".tm-changes tbody tr")).toHaveCount(changes);
    await fresh.screenshot({ path: "test-results/screens/time-travel-pasted.png", fullPage: true });
  });

  test("an order placed as v1 shows in the drawer that the v1→v2 upcaster ran", async ({ page, api }) => {
    // The demo's v1 orders are the older half: look from the earliest activity on.
    const streams = (await orderStreams(api)).sort((a, b) => a.lastEventAt.localeCompare(b.lastEventAt));
    let found: string | undefined;
    for (const s of streams.slice(0, 40)) {
      const [first] = await eventsOf(api, s.streamId);
      if (first?.type === "OrderPlaced" && first.storedSchemaVersion === 1) {
        found = s.streamId;
        break;
      }
    }
    expect(found, "a demo order whose OrderPlaced is stored as v1").toBeTruthy();

    await page.goto(`${streamPath(found!)}?v=1`);
    const drawer = page.getByRole("complementary", { name: /Event 1: OrderPlaced/ });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole("heading", { name: "Stored (v1)" })).toBeVisible();
    await expect(drawer.getByRole("heading", { name: "Upcast (v2)" })).toBeVisible();
    await expect(drawer.getByRole("listitem").filter({ hasText: "v1→v2" })).toBeVisible();
    await drawer.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screens/time-travel-upcast.png", fullPage: true });
  });

  test("a long stream keeps only the rows on screen and loads far pages on demand", async ({ page, api }) => {
    const streamId = `tick-e2e${randomUUID().slice(0, 8)}`;
    for (let batch = 0; batch < 3; batch++) {
      const events = Array.from({ length: 1000 }, (_, i) => ({ type: "Ticked", data: { n: batch * 1000 + i + 1 } }));
      expect((await api.post(`/api/v1/streams/${streamId}/events`, { data: { events } })).status()).toBe(201);
    }
    await page.goto(`${streamPath(streamId)}?v=1`);
    await expect(page.getByRole("heading", { name: "State at version 1" })).toBeVisible();
    await page.getByRole("listbox", { name: "Events of this stream" }).focus();
    await page.keyboard.press("End");
    await expect(page.getByRole("heading", { name: "State at version 3,000" })).toBeVisible();
    await expect(page.getByRole("option", { selected: true })).toContainText("Ticked");
    await page.keyboard.press("PageUp");
    await expect(page.getByRole("heading", { name: "State at version 2,985" })).toBeVisible();
    // Virtualised: a few dozen rows exist, not 3 000.
    expect(await page.getByRole("option").count()).toBeLessThan(100);
    await page.screenshot({ path: "test-results/screens/time-travel-long.png", fullPage: true });
  });
});
