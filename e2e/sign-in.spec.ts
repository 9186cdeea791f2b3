import pg from "pg";
import { expect, test, credentials, demoUser, signInAs, type Role } from "./fixtures/auth";

const UI_AGENT = "hindsight-e2e-ui-sign-in";

test.describe("signed out", () => {
  // Its own user agent, so this test can find its own audit entries among other tests' sign-ins.
  test.use({ role: null, userAgent: UI_AGENT });

  test("an anonymous visitor is sent to sign-in, and the API answers 401 without a stack trace", async ({ page }) => {
    await page.goto("/streams?prefix=order-");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fstreams%3Fprefix%3Dorder-/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

    const res = await page.request.get("/api/v1/streams");
    expect(res.status()).toBe(401);
    const body = await res.json();
    expect(body.error.code).toBe("unauthenticated");
    expect(JSON.stringify(body)).not.toMatch(/\.ts:\d+|\bat \w+ \(/);
    const bad = await page.request.get("/api/v1/streams", { headers: { authorization: "Bearer hs_not-a-real-token" } });
    expect(bad.status()).toBe(401);
    expect((await bad.json()).error.code).toBe("invalid_token");
  });

  test("signing in through the form: a wrong password is refused plainly, the right one opens the page asked for; sign out ends it", async ({ page }) => {
    const support = await demoUser("support");
    await page.goto("/streams");
    await expect(page).toHaveURL(/\/sign-in/);
    await page.screenshot({ path: "test-results/screens/sign-in.png", fullPage: true });

    await page.getByLabel("E-mail").fill(support.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".auth-error[role=alert]")).toHaveText("The e-mail or password is not right.");
    // Focus is where the retry starts, not on the page body, and the field is marked and described.
    await expect(page.getByLabel("Password")).toBeFocused();
    await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Password")).toHaveAccessibleDescription("The e-mail or password is not right.");
    await page.screenshot({ path: "test-results/screens/sign-in-error.png", fullPage: true });

    // An unknown account gets exactly the same answer.
    await page.getByLabel("E-mail").fill("nobody-here@hindsight.local");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".auth-error[role=alert]")).toHaveText("The e-mail or password is not right.");

    await page.getByLabel("E-mail").fill(support.email);
    await page.getByLabel("Password").fill(support.password);
    await page.getByLabel("Password").press("Enter");
    await expect(page).toHaveURL(/\/streams$/);
    await expect(page.getByRole("heading", { level: 1, name: "Streams" })).toBeVisible();
    const menu = page.getByRole("group", { name: "Signed in as" });
    await expect(menu).toContainText(support.name);
    await expect(menu).toContainText("Support");
    await expect(menu).toContainText("Personal data in clear");

    const session = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await menu.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/streams");
    await expect(page).toHaveURL(/\/sign-in/);

    // Each step is in the audit log: two failures (one for an account that does not exist), the sign-in, the sign-out.
    const db = new pg.Client({ connectionString: (await credentials()).databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ action: string; reason: string | null }>(
        `SELECT action, details->>'reason' AS reason FROM audit_log
          WHERE target IN ($1, 'user:nobody-here@hindsight.local') AND action LIKE 'auth.%' AND user_agent = $2 ORDER BY id`,
        [`user:${support.email}`, UI_AGENT],
      );
      expect(rows).toEqual([
        { action: "auth.sign_in_failed", reason: "wrong_password" },
        { action: "auth.sign_in_failed", reason: "unknown_user" },
        { action: "auth.sign_in", reason: null },
        { action: "auth.sign_out", reason: null },
      ]);
    } finally {
      await db.end();
    }
  });
});

const NAV: Record<Role, string[]> = {
  viewer: ["Overview", "Growth", "Archive", "Alerts", "Streams", "Causation", "Schemas", "Projections"],
  support: ["Overview", "Growth", "Archive", "Alerts", "Streams", "Causation", "Schemas", "Projections"],
  ops: ["Overview", "Growth", "Archive", "Alerts", "Streams", "Causation", "Schemas", "Projections"],
  compliance: ["Overview", "Growth", "Archive", "Alerts", "Streams", "Causation", "Schemas", "Projections", "Compliance", "Audit"],
  admin: ["Overview", "Growth", "Archive", "Alerts", "Streams", "Causation", "Schemas", "Projections", "Compliance", "Audit", "Users", "Settings"],
};

test.describe("each role", () => {
  test.use({ role: null });
  for (const role of Object.keys(NAV) as Role[]) {
    test(`${role} signs in and sees exactly its navigation and its role in the user menu`, async ({ page }) => {
      const user = await signInAs(page, role);
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
      const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
      await expect(links).toHaveText(NAV[role]);
      await expect(page.getByRole("group", { name: "Signed in as" })).toContainText(user.name);
    });
  }
});

test.describe("a viewer", () => {
  test.use({ role: "viewer" });

  test("cannot reach admin or compliance pages even by URL, nor write through the API", async ({ page }) => {
    for (const path of ["/settings", "/users", "/audit", "/compliance"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/no-access\?/);
      await expect(page.getByRole("heading", { level: 1, name: "You do not have access to this page" })).toBeVisible();
      await expect(page.getByRole("main")).toContainText(path);
      await expect(page.getByRole("main")).toContainText("Viewer");
    }
    await expect(page.getByRole("heading", { name: "API tokens" })).toHaveCount(0);
    await page.screenshot({ path: "test-results/screens/no-access.png", fullPage: true });

    const res = await page.request.post("/api/v1/streams/order-viewer-try/events", {
      data: { events: [{ type: "Note", data: {} }] },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  });
});
