import { expect, test } from "./fixtures/auth";

// Growth answers "which category, which day": the busiest day named with its date and top
// category, the spike labelled on the axis, categories ranked, and a bar that opens its streams.

test.describe("an ops user", () => {
  test.use({ role: "ops" });

  test("reads the busiest day and its category, sees the spike on the axis, and clicks its bar through to those streams", async ({ page }) => {
    await expect(async () => {
      await page.goto("/growth?days=30");
      await expect(page.getByTestId("growth-summary")).toContainText("The busiest day was", { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    const summary = page.getByTestId("growth-summary");
    const top = summary.getByRole("link");
    const href = (await top.getAttribute("href")) ?? "";
    const link = new URL(href, "http://x");
    const category = link.searchParams.get("category") ?? "";
    const day = link.searchParams.get("from") ?? "";
    expect(category).toBe(await top.textContent());
    expect(link.searchParams.get("to")).toBe(day);
    const label = new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
    await expect(summary).toContainText(`The busiest day was ${label} with`);

    // The spike's own label is on the time axis, marked.
    await expect(page.locator('text[data-spike="true"]')).toHaveText(`${label} ▲`);

    // Ranked by events added: the figures in the first column of numbers never rise.
    const ranking = page.getByTestId("growth-ranking");
    const titles = await ranking.locator("tbody tr td:nth-of-type(2)").evaluateAll((cells) => cells.map((c) => Number((c.getAttribute("title") ?? "").replace(/\D/g, ""))));
    expect(titles.length).toBeGreaterThan(1);
    expect([...titles].sort((a, b) => b - a)).toEqual(titles);

    await page.locator(`g[data-bar="${category} ${day}T00:00:00+00:00"]`).first().click();
    await expect(page).toHaveURL(new RegExp(`/streams\\?category=${category}&from=${day}&to=${day}$`));
    const matching = page.getByRole("region", { name: "Matching streams" });
    await expect(matching).toContainText(`category ${category}, active on ${label} (UTC)`);
    await expect(page.getByLabel("Category")).toHaveValue(category);
    await expect(page.getByLabel("Active from (UTC)")).toHaveValue(day);
    const ids = await matching.getByRole("rowheader").allTextContents();
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id.trim().startsWith(`${category}-`)).toBe(true);
  });
});
