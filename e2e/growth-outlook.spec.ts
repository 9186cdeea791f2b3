import { expect, test } from "./fixtures/auth";

// The growth page's outlook on the demo world, and the demo world's anomaly in the Alerts history.

test.describe("an ops user", () => {
  test.use({ role: "ops" });

  test("sees the forecast, the tickers as unbounded streams (linking to them) and the store's health", async ({ page }) => {
    await expect(async () => {
      await page.goto("/growth?days=30");
      await expect(page.getByTestId("forecast-summary")).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    const main = page.getByRole("main");
    await expect(page.getByTestId("forecast-summary")).toContainText(/The store reaches [\d.,]+\s?[kM]? events in \d+ days? and reaches [\d.,]+ [kMG]?B in \d+ days?/);
    const forecast = page.getByRole("region", { name: "Forecast" });
    // Solid history and the dashed projection in both charts.
    await expect(forecast.locator(".recharts-line-curve[stroke-dasharray]")).toHaveCount(2);

    const unbounded = page.getByRole("region", { name: "Unbounded streams" });
    const ticker = unbounded.getByRole("link", { name: "ticker-BTCUSD" });
    await expect(ticker).toBeVisible();
    await expect(unbounded.getByTestId("stream-growth-row").filter({ hasText: "ticker-" })).toHaveCount(8);
    await expect(unbounded.getByTestId("stream-growth-row").filter({ hasText: "order-" })).toHaveCount(0);

    const health = page.getByRole("region", { name: "Store health" });
    await expect(health.getByRole("rowheader", { name: "events", exact: true })).toBeVisible();
    await expect(health).toContainText(/disk [\d.,]+ [kMGT]?B free of/);
    await main.getByRole("heading", { name: "Forecast" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screens/growth-forecast.png", fullPage: true });

    await ticker.click();
    await expect(page).toHaveURL(/\/streams\/ticker-BTCUSD/);
  });

  test("the demo world's anomaly rule fired on the spike day and shows expected vs observed in the history", async ({ page }) => {
    await page.goto("/alerts");
    const anomaly = page.getByRole("list", { name: "Resolved alerts" }).getByTestId("alert-item").filter({ hasText: "Order volume anomaly" });
    await expect(anomaly.first()).toBeVisible();
    await expect(anomaly.first()).toContainText(/Expected ~[\d.,]+ ?k?, observed [\d.,]+/);
    await page.goto("/alerts?tab=rules");
    await expect(page.getByTestId("rule-row").filter({ hasText: "Order volume anomaly" })).toContainText("OrderPlaced: ≥ 3× the same 6 hours of the last 4 weeks");
  });
});
