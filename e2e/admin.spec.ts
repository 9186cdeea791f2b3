import { randomUUID } from "node:crypto";
import { expect, test, signInThroughApi } from "./fixtures/auth";

test.describe("an admin", () => {
  test.use({ role: "admin" });

  test("creates an API token that works over HTTP, and once revoked it gets 401", async ({ page, playwright, baseURL }) => {
    const name = `e2e-${randomUUID().slice(0, 8)}`;
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await page.getByLabel("Name").fill(name);
    await page.getByRole("checkbox", { name: "stats:read" }).check();
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByTestId("new-token");
    await expect(shown).toHaveText(/^hs_[A-Za-z0-9_-]{43}$/);
    const token = (await shown.textContent())!;
    const row = page.locator(`tr[data-token-name="${name}"]`);
    await expect(row).toContainText("events:read");
    await expect(row).toContainText("stats:read");
    await expect(row).not.toContainText(token); // only the prefix is ever listed
    await expect(row.getByTestId("token-expires")).toHaveText(/^in \d+ (months|days)$/); // 90 days unless another expiry is chosen
    await page.screenshot({ path: "test-results/screens/settings-tokens.png", fullPage: true });

    // A machine with nothing but the token.
    const machine = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const ok = await machine.get("/api/v1/streams?limit=1");
    expect(ok.status()).toBe(200);
    expect((await ok.json()).streams).toHaveLength(1);
    const noScope = await machine.post("/api/v1/streams/order-e2e-token/events", { data: { events: [{ type: "Note", data: {} }] } });
    expect(noScope.status()).toBe(403);

    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await expect(row).toContainText("Revoked");
    const revoked = await machine.get("/api/v1/streams?limit=1");
    expect(revoked.status()).toBe(401);
    expect((await revoked.json()).error.code).toBe("invalid_token");
    await machine.dispose();
  });

  test("adds a user who can then sign in with that role; disabling them ends their session at once", async ({ page, browser, baseURL }) => {
    const email = `e2e-${randomUUID().slice(0, 8)}@example.com`;
    const password = `pw-${randomUUID()}`;
    await page.goto("/users");
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Name", { exact: true }).fill("Otto Operator");
    await page.getByLabel("Role", { exact: true }).selectOption("ops");
    await page.getByLabel("Initial password").fill("short");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByText("At least 12 characters")).toBeVisible();
    await page.getByLabel("Initial password").fill(password);
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByText(`${email} can now sign in as ops`)).toBeVisible();
    const row = page.locator(`tr[data-user-email="${email}"]`);
    await expect(row).toContainText("Active");
    await page.screenshot({ path: "test-results/screens/users.png", fullPage: true });

    const theirs = await browser.newContext({ baseURL });
    const them = await theirs.newPage();
    await signInThroughApi(theirs.request, { email, password });
    await them.goto("/");
    await expect(them.getByRole("group", { name: "Signed in as" })).toContainText("Ops");

    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: `Disable ${email}` }).click();
    await expect(row).toContainText("Disabled");

    await them.goto("/streams");
    await expect(them).toHaveURL(/\/sign-in\?.*reason=expired/);
    await expect(them.getByText("Your session has ended. Sign in again to continue.")).toBeVisible();
    await theirs.close();
  });
});
