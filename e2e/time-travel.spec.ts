import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures/auth";
import type { APIRequestContext } from "@playwright/test";

type StreamRow = { streamId: string; version: number; lastEventAt: string };
type EventRow = { eventId: string; streamVersion: number; type: string; recordedAt: string; storedSchemaVersion: number; causationId: string | null; correlationId: string | null };

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

/** A demo order whose OrderPlaced is stored as v1 (the older half of the demo's orders). */
async function v1OrderStream(api: APIRequestContext): Promise<string | undefined> {
  const streams = (await orderStreams(api)).sort((a, b) => a.lastEventAt.localeCompare(b.lastEventAt));
  for (const s of streams.slice(0, 40)) {
    const [first] = await eventsOf(api, s.streamId);
    if (first?.type === "OrderPlaced" && first.storedSchemaVersion === 1) return s.streamId;
  }
  return undefined;
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
    // Clicking version 1 opened its drawer, which followed the cursor: the URL holds all three.
    await expect.poll(() => Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ v: String(version), cmp: "1", event: String(version) });
    await page.screenshot({ path: "test-results/screens/time-travel-diff.png", fullPage: true });

    // The same URL in a fresh page shows the same two points and the same changes.
    const url = page.url();
    const changes = await page.locator(".tm-changes tbody tr").count();
    const fresh = await context.newPage();
    await fresh.goto(url);
    await expect(fresh.getByRole("heading", { name: `State at version ${version}` })).toBeVisible();
    await expect(fresh.getByRole("heading", { name: `Changes from version 1 to ${version}` })).toBeVisible();
    await expect(fresh.locator(".tm-changes tbody tr")).toHaveCount(changes);
    await expect(fresh.getByRole("complementary", { name: new RegExp(`^Event ${version}:`) })).toBeVisible();
    await fresh.screenshot({ path: "test-results/screens/time-travel-pasted.png", fullPage: true });
  });

  test("an order placed as v1 shows in the drawer that the v1→v2 upcaster ran", async ({ page, api }) => {
    const found = await v1OrderStream(api);
    expect(found, "a demo order whose OrderPlaced is stored as v1").toBeTruthy();

    await page.goto(`${streamPath(found!)}?v=1&event=1`);
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

  test("an event link opens its stream with the drawer, and cause and effect links cross streams", async ({ page, api, context }) => {
    // The demo's loop: ProfileUpdated in profile-u00007 and UserUpdated in user-u00007 cause each other in turn.
    const profile = await eventsOf(api, "profile-u00007");
    const looped = profile.find((e) => e.type === "ProfileUpdated" && e.streamVersion >= 3);
    expect(looped, "a looped ProfileUpdated in the demo world").toBeTruthy();
    const cause = (await (await api.get(`/api/v1/events/${looped!.causationId}`)).json()) as EventRow & { streamId: string };
    expect(cause.streamId).toBe("user-u00007");

    await page.goto(`/events/${looped!.eventId}`);
    await expect(page).toHaveURL(`${streamPath("profile-u00007")}?v=${looped!.streamVersion}&event=${looped!.streamVersion}`);
    const drawer = page.getByRole("complementary", { name: new RegExp(`Event ${looped!.streamVersion}: ProfileUpdated`) });
    await expect(drawer).toBeVisible();
    await expect(page.getByRole("heading", { name: `State at version ${looped!.streamVersion}` })).toBeVisible();
    await expect(drawer.getByRole("link", { name: looped!.correlationId! })).toHaveAttribute("href", `/causation?correlation=${looped!.correlationId}`);
    await expect(drawer.getByText(/^Effects \(1\)$/)).toBeVisible();
    await page.screenshot({ path: "test-results/screens/time-travel-event-link.png", fullPage: true });

    // Follow the cause into the other stream: its drawer lists this event among its effects.
    await drawer.getByRole("link", { name: `UserUpdated in user-u00007 v${cause.streamVersion}` }).click();
    await expect(page).toHaveURL(`${streamPath("user-u00007")}?v=${cause.streamVersion}&event=${cause.streamVersion}`);
    const causeDrawer = page.getByRole("complementary", { name: new RegExp(`Event ${cause.streamVersion}: UserUpdated`) });
    await expect(causeDrawer).toBeVisible();
    const back = causeDrawer.getByRole("link", { name: `ProfileUpdated in profile-u00007 v${looped!.streamVersion}` });
    await expect(back).toBeVisible();
    await page.screenshot({ path: "test-results/screens/time-travel-cause.png", fullPage: true });

    // …and the effect link leads back.
    await back.click();
    await expect(page).toHaveURL(`${streamPath("profile-u00007")}?v=${looped!.streamVersion}&event=${looped!.streamVersion}`);
    await expect(drawer).toBeVisible();

    // The drawer's state is in the URL: closing it drops ?event=, reopening by keyboard adds it, and a pasted link reopens it.
    await drawer.getByRole("button", { name: "Close the event details" }).click();
    await expect(drawer).toBeHidden();
    await expect(page).toHaveURL(`${streamPath("profile-u00007")}?v=${looped!.streamVersion}`);
    await page.getByRole("listbox", { name: "Events of this stream" }).focus();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Enter");
    const previous = looped!.streamVersion - 1;
    await expect(page).toHaveURL(`${streamPath("profile-u00007")}?v=${previous}&event=${previous}`);
    const fresh = await context.newPage();
    await fresh.goto(page.url());
    await expect(fresh.getByRole("complementary", { name: new RegExp(`Event ${previous}: ProfileUpdated`) })).toBeVisible();

    // Unknown and malformed ids say so (the page streams in behind its skeleton, so the content says it, not the status).
    for (const bad of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      await fresh.goto(`/events/${bad}`);
      await expect(fresh.getByRole("heading", { level: 1, name: "Event not found" })).toBeVisible();
    }
  });

  test("a pasted URL with ?at= lands on the last version at or before that time, rewritten to ?v=", async ({ page, api }) => {
    const stream = (await orderStreams(api)).find((s) => s.version >= 3)!;
    const events = await eventsOf(api, stream.streamId);
    // Exactly the second event's time (with its +00:00 offset, encoded) → version 2.
    await page.goto(`${streamPath(stream.streamId)}?at=${encodeURIComponent(events[1].recordedAt)}&cmp=1`);
    await expect(page).toHaveURL(`${streamPath(stream.streamId)}?cmp=1&v=2`);
    await expect(page.getByRole("heading", { name: "State at version 2" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Changes from version 1 to 2" })).toBeVisible();

    // A microsecond before the third event, in another offset and typed with a raw '+' → still version 2.
    const third = new Date(Date.parse(events[2].recordedAt) + 2 * 3600_000);
    const micros = events[2].recordedAt.match(/\.(\d{6})/)![1];
    const justBefore = micros === "000000" ? null : `${third.toISOString().slice(0, 19)}.${String(Number(micros) - 1).padStart(6, "0")}+02:00`;
    if (justBefore) {
      await page.goto(`${streamPath(stream.streamId)}?at=${justBefore}`);
      await expect(page).toHaveURL(`${streamPath(stream.streamId)}?v=2`);
    }
    // Before the first event → version 0; after the last → the newest version.
    await page.goto(`${streamPath(stream.streamId)}?at=2000-01-01T00:00:00Z`);
    await expect(page).toHaveURL(`${streamPath(stream.streamId)}?v=0`);
    await expect(page.getByRole("heading", { name: "State at version 0" })).toBeVisible();
    await page.goto(`${streamPath(stream.streamId)}?at=2999-01-01T00:00:00Z`);
    await expect(page).toHaveURL(`${streamPath(stream.streamId)}?v=${stream.version}`);
    await expect(page.getByRole("option", { selected: true })).toContainText(events[stream.version - 1].type);
    await expect(page.getByText(`As of version ${stream.version},`)).toBeVisible();
    await page.screenshot({ path: "test-results/screens/time-travel-at.png", fullPage: true });
  });

  test("timeline rows with badges (PII, upcast, compare) fit at 1440 and 1024 pixels", async ({ page, api }) => {
    const streamId = `user-e2ebadge${randomUUID().slice(0, 6)}`;
    const userId = streamId.slice(5);
    const events = [
      { type: "UserRegistered", data: { userId, email: `${userId}@example.org`, name: "A Very Long Name Indeed", country: "DE" } },
      ...Array.from({ length: 30 }, (_, i) => ({ type: "UserUpdated", data: { userId, email: `${userId}.${i}@example.org`, source: "settings" } })),
    ];
    expect((await api.post(`/api/v1/streams/${streamId}/events`, { data: { events } })).status()).toBe(201);
    const order = await v1OrderStream(api);
    expect(order).toBeTruthy();
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [id, badge] of [[streamId, "PII"], [order!, "v1→v2"]] as const) {
        await page.goto(`${streamPath(id)}?v=2&cmp=1`);
        await expect(page.getByRole("option").first()).toContainText(/\d{2}:\d{2}:\d{2}/);
        await expect(page.getByRole("option").first().locator(".badge")).toContainText(badge);
        // Nothing in a row is clipped: every part of every row lies inside it, and no row overflows.
        const clipped = await page.locator(".tm-row").evaluateAll((rows) =>
          rows.flatMap((row) => {
            const box = row.getBoundingClientRect();
            const parts = [...row.querySelectorAll(".tm-version, .tm-type, .tm-badges .badge, .tm-when")];
            const out = parts.filter((el) => {
              const r = el.getBoundingClientRect();
              return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
            });
            return out.length || row.scrollWidth > row.clientWidth ? [`row ${row.getAttribute("data-version")}: ${out.map((el) => el.className).join(", ")}`] : [];
          }),
        );
        expect(clipped, `clipped at ${width}px in ${id}`).toEqual([]);
        await page.screenshot({ path: `test-results/screens/time-travel-rows-${badge === "PII" ? "pii" : "upcast"}-${width}.png` });
      }
    }
  });
});
