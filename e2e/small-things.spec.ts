import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures/auth";

// The small things seen on the daily journeys: the event drawer, ?at= links, and the rule form.

const streamPath = (id: string) => `/streams/${encodeURIComponent(id)}`;

test.describe("an ops user", () => {
  test.use({ role: "ops" });

  test("reads the drawer: depth named against the metadata's, long values wrapped, Escape from the timeline closes it", async ({ page, api }) => {
    const streamId = `probe${randomUUID().slice(0, 6)}-1`;
    const long = `${"a-long-unbroken-value-".repeat(15)}end`;
    const res = await api.post(`/api/v1/streams/${streamId}/events`, {
      // Caused by a command the store does not hold, at depth 0 by the metadata's count.
      data: { events: [{ type: "Probed", data: { long }, metadata: { causationDepth: 0 }, causationId: randomUUID(), correlationId: randomUUID() }] },
    });
    expect(res.status()).toBe(201);
    const stored = (await (await api.get(`/api/v1/streams/${streamId}/events`)).json()).events[0];
    expect(stored.causationDepth).toBe(1);

    await page.goto(`${streamPath(streamId)}?v=1&event=1`);
    const drawer = page.getByRole("complementary", { name: /Event 1: Probed/ });
    await expect(drawer.getByTestId("drawer-depth")).toHaveText("1 hop from the root command (its cause is at 0, as metadata.causationDepth says)");
    const upcast = drawer.getByLabel("Upcast payload");
    await expect(upcast).toContainText("end");
    const clipped = await upcast.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(clipped).toBeLessThanOrEqual(1);

    await page.getByRole("listbox", { name: "Events of this stream" }).focus();
    await page.keyboard.press("Escape");
    await expect(drawer).toHaveCount(0);
    await expect(page).not.toHaveURL(/event=/);
  });

  test("follows a ?at= link to a filled date field, and is told when the link's time is not a time", async ({ page, api }) => {
    const streamId = `atlink${randomUUID().slice(0, 6)}-1`;
    expect((await api.post(`/api/v1/streams/${streamId}/events`, { data: { events: [{ type: "First", data: {} }] } })).status()).toBe(201);
    expect((await api.post(`/api/v1/streams/${streamId}/events`, { data: { events: [{ type: "Second", data: {} }] } })).status()).toBe(201);
    const events = (await (await api.get(`/api/v1/streams/${streamId}/events`)).json()).events as { recordedAt: string }[];
    const at = events[0].recordedAt;

    await page.goto(`${streamPath(streamId)}?at=${encodeURIComponent(at)}`);
    await expect(page).toHaveURL(`${streamPath(streamId)}?v=1`);
    await expect(page.getByLabel("State at time (UTC)")).toHaveValue(new Date(at).toISOString().slice(0, 19));

    await page.goto(`${streamPath(streamId)}?at=yesterday`);
    await expect(page.getByRole("alert").filter({ hasText: "The link’s time “yesterday” is not a date and time" })).toBeVisible();
  });

  test("creates a rule with every kind's name readable and a hint drawn from the store", async ({ page, api }) => {
    await page.goto("/alerts?tab=rules");
    const form = page.getByRole("region", { name: "Create a rule" });
    const kind = form.getByLabel("Kind");
    // The longest kind name fits its select (text measured in the select's own font, plus its arrow).
    const overflow = await kind.evaluate((el: HTMLSelectElement) => {
      const ctx = document.createElement("canvas").getContext("2d")!;
      ctx.font = getComputedStyle(el).font;
      const widest = Math.max(...[...el.options].map((o) => ctx.measureText(o.text).width));
      return widest + 40 - el.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);

    await kind.selectOption({ label: "Volume above a threshold" });
    const placeholder = (await form.getByLabel("Category or type").getAttribute("placeholder")) ?? "";
    const category = placeholder.match(/^e\.g\. (\S+)$/)?.[1];
    expect(category, `placeholder “${placeholder}”`).toBeTruthy();
    const streams = (await (await api.get(`/api/v1/streams?category=${encodeURIComponent(category!)}&limit=1`)).json()).streams;
    expect(streams.length).toBe(1);
    await expect(form.getByText(`(${streams[0].streamId} → ${category})`)).toBeVisible();
  });
});
