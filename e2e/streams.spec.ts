import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures/auth";

test.describe("Streams", () => {
  test("finds demo orders by id prefix and opens one, with v1 orders read as v2", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Streams" }).click();
    await page.getByLabel("Stream id starts with").fill("order-");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/prefix=order-/);

    const links = page.getByRole("main").getByRole("link", { name: /^order-/ });
    await expect(links.first()).toBeVisible();
    const streamId = (await links.first().textContent())!.trim();
    await links.first().click();

    await expect(page.getByRole("heading", { level: 1, name: streamId })).toBeVisible();
    await expect(page.getByRole("main").getByText("OrderPlaced").first()).toBeVisible();
    await page.screenshot({ path: "test-results/screens/order-stream.png", fullPage: true });
  });

  test("a viewer sees a user's stream with personal data masked, never in clear", async ({ page }) => {
    // The viewer's own session, through the API: the same masking as the page.
    const request = page.request;
    const res = await request.get("/api/v1/streams?category=user&limit=1");
    const { streams } = await res.json();
    expect(streams.length).toBe(1);
    const streamId: string = streams[0].streamId;

    const events = await (await request.get(`/api/v1/streams/${encodeURIComponent(streamId)}/events`)).json();
    expect(events.events[0].data.email).toBe("[masked]");

    // The first event carries the email; the drawer (?event=1) shows its payload.
    await page.goto(`/streams/${encodeURIComponent(streamId)}?v=1&event=1`);
    await expect(page.getByRole("main").getByLabel("Upcast payload").getByText("[masked]").first()).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText(/@[a-z0-9-]+\.[a-z]{2,}/i);
  });

  test("hostile strings appended through the API render as text, never as markup", async ({ page, api: request }) => {
    // Stream ids may not contain whitespace, so the markup uses slashes where a browser takes spaces.
    const streamId = `hostile-${randomUUID()}<img/src=x/onerror=alert(1)>`;
    const payload = `"><script>window.__pwned = true</script><img src=x onerror="window.__pwned=true">`;
    const res = await request.post(`/api/v1/streams/${encodeURIComponent(streamId)}/events`, {
      data: { expectedVersion: "no_stream", events: [{ type: "Note<b>Bold</b>", data: { text: payload } }] },
    });
    expect(res.status()).toBe(201);

    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(`/streams/${encodeURIComponent(streamId)}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(streamId);
    await expect(page.getByRole("main").getByText("Note<b>Bold</b>").first()).toBeVisible();
    // The JSON view escapes the quotes; the markup itself must show as text.
    await expect(page.getByRole("main").getByText("<script>window.__pwned = true</script>", { exact: false }).first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
  });

  test("an unknown stream says it does not exist", async ({ page }) => {
    // The page streams in behind its loading skeleton, so the status is already sent: the content says it.
    await page.goto(`/streams/${encodeURIComponent(`nope-${randomUUID()}`)}`);
    await expect(page.getByRole("heading", { level: 1, name: "Stream not found" })).toBeVisible();
    await expect(page.getByText("There is no such stream")).toBeVisible();
  });
});
