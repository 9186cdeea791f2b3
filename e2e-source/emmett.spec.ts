import fs from "node:fs";
import { getPostgreSQLEventStore } from "@event-driven-io/emmett-postgresql";
import { credentials, expect, test } from "../e2e/fixtures/auth";
import { E2E_CREDENTIALS_FILE } from "../e2e/fixtures/paths";

// Hindsight over an Emmett store that emmett's own client writes (scripts/e2e-source-server.ts).

type SourceExtras = { sourceOwnerUrl: string; loopCorrelationId: string };

async function extras(): Promise<SourceExtras> {
  await credentials(); // waits for the file
  return JSON.parse(fs.readFileSync(E2E_CREDENTIALS_FILE, "utf8")) as SourceExtras;
}

test.use({ role: "ops" });

test.describe("Over an Emmett store", () => {
  test("browses the source's streams and opens one, events read from the source", async ({ page }) => {
    await page.goto("/streams?prefix=order-");
    const links = page.getByRole("main").getByRole("link", { name: /^order-/ });
    await expect(links).toHaveCount(3);
    await page.getByRole("main").getByRole("link", { name: "order-2" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "order-2" })).toBeVisible();
    await expect(page.getByRole("main").getByText("OrderShipped").first()).toBeVisible();
    await page.screenshot({ path: "test-results/source/screens/emmett-stream.png", fullPage: true });
  });

  test("draws the loop's correlation graph from the index", async ({ page }) => {
    const { loopCorrelationId } = await extras();
    await page.goto(`/causation?correlation=${loopCorrelationId}`);
    const graph = page.getByTestId("correlation-graph");
    await expect(graph).toHaveAttribute("data-laid-out", "true");
    await expect(graph).toContainText("UserUpdated");
    await expect(graph).toContainText("ProfileUpdated");
  });

  test("refuses an append with the reason, and follows what emmett's client writes within seconds", async ({ page, api }) => {
    const refused = await api.post("/api/v1/streams/order-9/events", { data: { events: [{ type: "OrderPlaced", data: { orderId: "9" } }] } });
    expect(refused.status()).toBe(409);
    const body = await refused.json();
    expect(body.error.code).toBe("not_supported_by_source");
    expect(body.error.message).toMatch(/Hindsight's own store only.*Emmett/);

    const { sourceOwnerUrl } = await extras();
    const store = getPostgreSQLEventStore(sourceOwnerUrl);
    try {
      await store.appendToStream("order-live", [{ type: "OrderPlaced", data: { orderId: "live", total: 1 } }]);
    } finally {
      await store.close();
    }
    await expect
      .poll(async () => (await (await api.get("/api/v1/streams?prefix=order-live")).json()).streams.length, { timeout: 15_000 })
      .toBe(1);
    await page.goto("/streams/order-live");
    await expect(page.getByRole("main").getByText("OrderPlaced").first()).toBeVisible();
  });

  test("the archive page says why archiving is off, instead of an error or an empty page", async ({ page }) => {
    await page.goto("/archive");
    await expect(page.getByTestId("source-notice")).toContainText("Archiving works on Hindsight's own store only");
  });
});
