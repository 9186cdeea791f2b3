import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures/auth";
import { E2E_OIDC_ISSUER, E2E_OIDC_NAME, UNVERIFIED_PREFIX } from "./fixtures/oidc";

// Single sign-on in Chromium against a real OpenID Provider (oidc-provider, started before the app
// by playwright.config.ts) that, as OpenID Connect Core 5.4 allows, gives e-mail only at userinfo.

test.use({ role: "admin" });

/** The admin adds `email` on the Users page, as a support user. */
async function addUser(page: Page, email: string): Promise<void> {
  await page.goto("/users");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Name", { exact: true }).fill("Sasha Sso");
  await page.getByLabel("Role", { exact: true }).selectOption("support");
  await page.getByLabel("Initial password").fill(`pw-${randomUUID()}`);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`${email} can now sign in as support`)).toBeVisible();
}

/** Someone new to the console signs in through the provider's own login and consent pages. */
async function signInWithSso(browser: Browser, baseURL: string, login: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue with ${E2E_OIDC_NAME}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${E2E_OIDC_ISSUER}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password: the test provider checks none");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.origin === new URL(baseURL).origin && !url.pathname.startsWith("/api/auth"));
  return page;
}

test("a user an admin added gets in, with the e-mail read from the userinfo endpoint", async ({ page, browser, baseURL }) => {
  const email = `sso-${randomUUID().slice(0, 8)}@example.test`;
  await addUser(page, email);
  const them = await signInWithSso(browser, baseURL!, email);
  await expect(them.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(them.getByRole("group", { name: "Signed in as" })).toContainText("Support");
  await them.context().close();
});

test("someone the provider knows but no admin added does not get in", async ({ browser, baseURL }) => {
  const them = await signInWithSso(browser, baseURL!, `stranger-${randomUUID().slice(0, 8)}@example.test`);
  await expect(them).toHaveURL(/\/sign-in\?.*error=AccessDenied/);
  await expect(them.getByText("This account may not sign in to Hindsight")).toBeVisible();
  await them.context().close();
});

test("an added user whose e-mail the provider has not verified does not get in", async ({ page, browser, baseURL }) => {
  const email = `${UNVERIFIED_PREFIX}${randomUUID().slice(0, 8)}@example.test`;
  await addUser(page, email);
  const them = await signInWithSso(browser, baseURL!, email);
  await expect(them).toHaveURL(/\/sign-in\?.*error=AccessDenied/);
  await them.goto("/");
  await expect(them).toHaveURL(/\/sign-in/);
  await them.context().close();
});
