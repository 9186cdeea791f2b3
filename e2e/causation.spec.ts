import { expect, test } from "./fixtures/auth";

// The demo world's UserUpdated ↔ ProfileUpdated loop burst, from the map to one of its events.

test.describe("Causation", () => {
  test("opens the demo loop from the map, sees the collapsed pattern, expands it and opens an event", async ({ page }) => {
    await page.goto("/causation");
    await page.getByRole("navigation", { name: "Window" }).getByRole("link", { name: "Last 30 days" }).click();
    await expect(page).toHaveURL(/window=month/);

    const cycles = page.getByRole("region", { name: "Cycles" });
    await expect(cycles).toContainText("ProfileUpdated → UserUpdated → ProfileUpdated");
    await expect(page.getByTestId("causation-map")).toHaveAttribute("data-laid-out", "true");
    await page.screenshot({ path: "test-results/screens/causation-map.png", fullPage: true });

    const runaways = page.getByRole("region", { name: "Runaway chains" });
    const loopRow = runaways.getByRole("row").filter({ hasText: "ProfileUpdated, UserUpdated" }).first();
    await loopRow.getByRole("link", { name: /^Graph of correlation/ }).click();
    await expect(page).toHaveURL(/\/causation\?correlation=[0-9a-f-]{36}$/);

    const graph = page.getByTestId("correlation-graph");
    await expect(graph).toHaveAttribute("data-laid-out", "true");
    const group = graph.getByRole("button", { name: /UserUpdated → ProfileUpdated × \d+, \d+ events collapsed: expand/ });
    await expect(group).toBeVisible();
    const events = graph.getByRole("link", { name: /open the event$/ });
    // Collapsed, a loop of hundreds of events is its root, one pattern and its last event.
    await expect(events).toHaveCount(2);
    await expect(page.getByText(/collapsed into 1 pattern/)).toBeVisible();
    await page.screenshot({ path: "test-results/screens/causation-graph-collapsed.png", fullPage: true });

    // The summary counts what is drawn: an expansion moves 40 events out of the pattern.
    const summary = page.getByTestId("correlation-summary");
    await expect(summary).toContainText("2 drawn");
    const collapsedBefore = Number(((await summary.textContent()) ?? "").match(/([\d,]+) collapsed/)![1].replace(/,/g, ""));

    await group.click();
    await expect(events).toHaveCount(42);
    await expect(summary).toContainText("42 drawn");
    await expect(summary).toContainText(`${(collapsedBefore - 40).toLocaleString("en-US")} collapsed into 1 pattern`);
    await expect(graph.getByRole("button", { name: /× \d+, \d+ events collapsed: expand/ })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/causation-graph-expanded.png", fullPage: true });

    // The first event of the expanded page (depth 2), which the view has just scrolled to.
    const first = events.filter({ hasText: /UserUpdated.*depth 2$/ });
    await expect(first).toBeInViewport();
    const href = await first.getAttribute("href");
    expect(href).toMatch(/^\/events\/[0-9a-f-]{36}$/);
    // /events/<eventId> opens the event in its stream's drawer (that page is the time machine's).
    await first.click();
    await expect(page).toHaveURL(/\/streams\/user-[^?]+\?v=\d+&event=\d+/);
    await expect(page.getByRole("complementary", { name: /Event \d+: UserUpdated/ })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/causation-event.png", fullPage: true });
  });

  test("any event id of the chain finds its correlation", async ({ page, api }) => {
    const res = await api.get("/api/v1/streams?category=profile&limit=1");
    expect(res.ok()).toBe(true);
    await page.goto("/causation?window=month");
    const runaways = page.getByRole("region", { name: "Runaway chains" });
    const link = runaways.getByRole("row").filter({ hasText: "ProfileUpdated, UserUpdated" }).first().getByRole("link");
    const correlationId = (await link.getAttribute("href"))!.split("=")[1];
    const graph = await (await api.get(`/api/v1/correlations/${correlationId}`)).json();
    const lastEvent: string = graph.nodes.at(-1).eventId;

    await page.goto("/causation");
    await page.getByLabel("Correlation id or event id").fill(lastEvent);
    await page.getByRole("button", { name: "Draw graph" }).click();
    await expect(page).toHaveURL(new RegExp(`correlation=${correlationId}`));
    await expect(page.getByTestId("correlation-graph")).toHaveAttribute("data-laid-out", "true");
  });
});

test.describe("Causation guards", () => {
  test.use({ role: "ops" });

  test("ops change a category's guards, and the refusals chart is there", async ({ page }) => {
    await page.goto("/causation/guards");
    // Each row's inputs sit in their own cells and belong to the row's form.
    const form = page.getByRole("form", { name: "Guards of order" });
    await page.getByLabel("Maximum causation depth for order").fill("64");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("status")).toContainText("Guards of order saved: depth 64");
    await page.reload();
    await expect(page.getByLabel("Maximum causation depth for order")).toHaveValue("64");
    await expect(page.getByRole("region", { name: "Refused appends and duplicates" })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/causation-guards.png", fullPage: true });
  });
});
