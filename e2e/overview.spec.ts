import { expect, test } from "./fixtures/auth";

test.describe("Overview of the demo world", () => {
  test("shows the store's totals, the events-per-day chart, categories and the newest events", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

    // The totals come from the demo world: tens of thousands of events in several categories.
    const main = page.getByRole("main");
    await expect(main.getByText(/events/i).first()).toBeVisible();

    // The chart draws one bar (or point) per day: an SVG surface with content.
    const chart = main.locator(".recharts-surface").first();
    await expect(chart).toBeVisible();
    // The busiest day the summary names is labelled (and marked) on the axis.
    const busiest = ((await main.getByText(/the busiest day was/).textContent()) ?? "").match(/the busiest day was (\d+ \w+) with/)?.[1];
    expect(busiest).toBeTruthy();
    await expect(main.locator('text[data-spike="true"]')).toHaveText(`${busiest} ▲`);

    // Each category has its colour from the shared palette, the largest first: no two alike.
    const swatches = await main.getByRole("region", { name: "Categories" }).locator(".category-swatch").evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
    expect(swatches.length).toBeGreaterThan(1);
    expect(new Set(swatches).size).toBe(swatches.length);

    // Every scenario of the demo world has its category.
    for (const category of ["ticker", "order", "user", "profile", "account"]) {
      await expect(main.getByRole("link", { name: category, exact: true }).first()).toBeVisible();
    }
    await expect(main.getByRole("heading", { name: "Newest events" })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/overview.png", fullPage: true });
  });

  test.describe("as an admin", () => {
    test.use({ role: "admin" });
    test("every area is reachable from the navigation and opens its page", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    const areas = ["Growth", "Alerts", "Streams", "Causation", "Schemas", "Projections", "Archive", "Compliance", "Audit", "Users", "Settings"];
    for (const area of areas) await expect(nav.getByRole("link", { name: area })).toBeVisible();
    for (const area of areas) {
      await nav.getByRole("link", { name: area }).click();
      await expect(page.getByRole("heading", { level: 1, name: new RegExp(area) })).toBeVisible();
      await expect(page.getByText("This area is not built yet", { exact: false })).toHaveCount(0);
    }
    await nav.getByRole("link", { name: "Alerts" }).click();
    await expect(page.getByRole("navigation", { name: "Alerting" })).toBeVisible();
    });

    test("the growth page charts the demo world from its rollups", async ({ page }) => {
      // The rollup loop backfills on start; the page is server-rendered, so look again until it has caught up.
      await expect(async () => {
        await page.goto("/growth?days=90");
        await expect(page.getByRole("heading", { level: 1, name: /Growth/ })).toBeVisible();
        await expect(page.getByRole("main").locator(".recharts-surface").first()).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await expect(page.getByRole("main").getByText("ticker").first()).toBeVisible();
      await page.screenshot({ path: "test-results/screens/growth.png", fullPage: true });
    });
  });
});
