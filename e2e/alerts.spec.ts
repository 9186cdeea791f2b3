import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures/auth";

// The alerting loop end to end: a rule created in the UI, events appended through the API, the
// alert firing (page and badge), acknowledged, then resolving once the window has passed. The e2e
// server evaluates every second (HINDSIGHT_ALERT_INTERVAL_MS=1000, set in scripts/e2e-server.ts).

test.describe("an ops user", () => {
  test.use({ role: "ops" });

  test("creates a volume rule in the UI; appended events fire it, the badge counts it, and it resolves when the window passes", async ({ page, api }) => {
    test.setTimeout(90_000);
    const category = `alrt${randomUUID().slice(0, 6)}`;
    await page.goto("/alerts?tab=rules");
    const form = page.getByRole("region", { name: "Create a rule" });
    await form.getByLabel("Name").fill(`Busy ${category}`);
    await form.getByLabel("Kind").selectOption({ label: "Volume above a threshold" });
    await form.getByLabel("Severity").selectOption("critical");
    await form.getByLabel("Count events of").selectOption("category");
    await form.getByLabel("Category or type").fill(category);
    await form.getByLabel("More than (events)").fill("2");
    await form.getByLabel("Within the last (seconds)").fill("15");
    await form.getByRole("button", { name: "Create rule" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Rule “Busy ${category}” created` })).toBeVisible();
    const row = page.getByTestId("rule-row").filter({ hasText: `Busy ${category}` });
    await expect(row).toContainText(`${category}: more than 2 events in 15 s`);

    const res = await api.post(`/api/v1/streams/${category}-1/events`, {
      data: { events: [1, 2, 3].map((n) => ({ type: "OrderBurst", data: { n } })) },
    });
    expect(res.status()).toBe(201);

    await page.goto("/alerts");
    const firing = page.getByRole("list", { name: "Firing alerts" }).getByTestId("alert-item").filter({ hasText: `Busy ${category}` });
    await expect(async () => {
      await page.reload();
      await expect(firing).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(firing).toContainText(`${category}: 3 events in 15 s (threshold 2)`);
    await expect(firing).toContainText("Observed 3 events in the last 15 s; the limit is 2.");
    await expect(page.getByTestId("firing-badge")).toHaveText(/\d+ firing/);
    await expect(page.getByTestId("firing-badge")).toHaveAttribute("href", "/alerts");

    await firing.getByLabel("Acknowledgement comment").fill("Checking the order importer");
    await firing.getByRole("button", { name: "Acknowledge" }).click();
    await expect(firing).toContainText("“Checking the order importer”");
    await page.screenshot({ path: "test-results/screens/alerts.png", fullPage: true });

    // The badge is in the shell: it shows on every page.
    await page.goto("/streams");
    await expect(page.getByTestId("firing-badge")).toHaveText(/\d+ firing/);

    // 15 s after the append the window holds nothing: the loop resolves the alert.
    await page.goto("/alerts");
    const resolved = page.getByRole("list", { name: "Resolved alerts" }).getByTestId("alert-item").filter({ hasText: `Busy ${category}` });
    await expect(async () => {
      await page.reload();
      await expect(resolved).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 40_000 });
    await expect(firing).toHaveCount(0);
    await resolved.getByText(/History \(\d+\)/).click();
    await expect(resolved.getByRole("listitem").filter({ hasText: "fired" })).toBeVisible();
    await expect(resolved.getByRole("listitem").filter({ hasText: "acknowledged" })).toBeVisible();
    await expect(resolved.getByRole("listitem").filter({ hasText: "resolved" })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/alerts-resolved.png", fullPage: true });
  });
});

test.describe("a viewer", () => {
  test("sees alerts and rules but no forms to change them", async ({ page }) => {
    await page.goto("/alerts?tab=rules");
    await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create rule" })).toHaveCount(0);
  });
});

test.describe("an open Alerts page", () => {
  test.use({ role: "ops" });

  test("drops the alert of a rule deleted on another page, without a reload, and its badge, tab and list agree", async ({ page, api }) => {
    test.setTimeout(90_000);
    const category = `gone${randomUUID().slice(0, 6)}`;
    const name = `Vanishing ${category}`;
    // A second page of the same person manages the rules while the first one watches.
    const rules = await page.context().newPage();
    await rules.goto("/alerts?tab=rules");
    const form = rules.getByRole("region", { name: "Create a rule" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Kind").selectOption({ label: "Volume above a threshold" });
    await form.getByLabel("Count events of").selectOption("category");
    await form.getByLabel("Category or type").fill(category);
    await form.getByLabel("More than (events)").fill("1");
    // A long window: the alert stays firing until the rule is deleted.
    await form.getByLabel("Within the last (seconds)").fill("3600");
    await form.getByRole("button", { name: "Create rule" }).click();
    await expect(rules.getByRole("status").filter({ hasText: `Rule “${name}” created` })).toBeVisible();
    const res = await api.post(`/api/v1/streams/${category}-1/events`, { data: { events: [1, 2].map((n) => ({ type: "Burst", data: { n } })) } });
    expect(res.status()).toBe(201);

    await page.goto("/alerts");
    const list = page.getByRole("list", { name: "Firing alerts" });
    const card = list.getByTestId("alert-item").filter({ hasText: name });
    // The page refreshes itself: no reload while waiting for the alert to fire either.
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = "same document"));
    await expect(card).toBeVisible({ timeout: 30_000 });
    await expect(card.getByRole("button", { name: "Acknowledge" })).toBeVisible();

    rules.on("dialog", (d) => void d.accept());
    await rules.getByRole("button", { name: `Delete ${name}` }).click();
    await expect(rules.getByTestId("rule-row").filter({ hasText: name })).toHaveCount(0);

    await expect(card).toHaveCount(0, { timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same document");
    // Other specs fire alerts too, so compare the three figures with each other, not with a number.
    await expect(async () => {
      const items = await list.getByTestId("alert-item").count();
      const badge = (await page.getByTestId("firing-badge").textContent()) ?? "";
      const tabCount = page.getByRole("navigation", { name: "Alerting" }).getByRole("link", { name: /^Alerts/ }).locator(".tab-count");
      const tab = (await tabCount.count()) ? await tabCount.textContent() : "0";
      const badgeCount = badge.includes("All clear") ? 0 : Number(badge.match(/(\d+) firing/)?.[1]);
      expect({ badge: badgeCount, tab: Number(tab) }).toEqual({ badge: items, tab: items });
    }).toPass({ timeout: 20_000 });
  });
});
