import { expect, test } from "./fixtures/auth";

test.describe("Schemas and stream search", () => {
  test("the schemas page lists OrderPlaced with its versions and upcaster", async ({ page }) => {
    await page.goto("/schemas");
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^OrderPlaced/ }) });
    await expect(row).toBeVisible();
    await expect(row).toContainText("v1→v2");
    await page.screenshot({ path: "test-results/screens/schemas.png", fullPage: true });
  });

  test("code-registered and data-registered types sit side by side, each with its source", async ({ page, api }) => {
    const type = `ShipmentBooked${Date.now().toString(36)}`;
    const schema = {
      type: "object",
      required: ["shipmentId", "consignee"],
      properties: { shipmentId: { type: "string" }, consignee: { type: "string", "x-pii": true }, customerId: { type: "string", "x-subject": true } },
    };
    const res = await api.put(`/api/v1/schemas/${type}/versions/1`, { data: { schema, description: "Booked by the shipping service (not written in TypeScript)." } });
    expect(res.status()).toBe(201);

    await page.goto("/schemas");
    const code = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^OrderPlaced/ }) });
    await expect(code.getByRole("cell").first()).toHaveText("code");
    const data = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${type}`) }) });
    await expect(data.getByRole("cell").first()).toHaveText("JSON Schema");
    await expect(data).toContainText("consignee");
    await expect(data).toContainText("Booked by the shipping service");
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
