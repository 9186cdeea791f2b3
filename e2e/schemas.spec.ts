import { expect, test } from "./fixtures/auth";

test.describe("Schemas and stream search", () => {
  test("the schemas page lists OrderPlaced with its versions and upcaster", async ({ page }) => {
    await page.goto("/schemas");
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^OrderPlaced/ }) });
    await expect(row).toBeVisible();
    await expect(row).toContainText("v1→v2");
    await page.screenshot({ path: "test-results/screens/schemas.png", fullPage: true });
  });

  test("streams can be searched by event type; only pii.read viewers get the subject field", async ({ page }) => {
    await page.goto("/streams");
    await expect(page.getByLabel("Data subject")).toHaveCount(0);
    await page.getByLabel("Has event type").fill("OrderPlaced");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/type=OrderPlaced/);
    const links = page.getByRole("main").getByRole("link", { name: /^order-/ });
    await expect(links.first()).toBeVisible();
  });
});
