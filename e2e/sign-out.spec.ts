import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { expect, test, credentials, demoUser, signInThroughApi } from "./fixtures/auth";

// The probe: after "Sign out" the old cookie kept reading clear PII for 12 h. Here the cookie is
// taken before signing out and replayed afterwards, on the API and on a page.

test.describe("signing out ends the session on the server", () => {
  test.use({ role: null });

  test("the old cookie, replayed after Sign out, gets 401 session_expired from the API and is sent to sign-in by pages", async ({ page, browser, baseURL }) => {
    await signInThroughApi(page.context().request, await demoUser("support"));
    await page.goto("/streams");
    await expect(page.getByRole("heading", { level: 1, name: "Streams" })).toBeVisible();
    const old = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token")!;
    expect(old).toBeTruthy();

    await page.getByRole("group", { name: "Signed in as" }).getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    const replay = await browser.newContext({ baseURL });
    await replay.addCookies([old]);
    const res = await replay.request.get("/api/v1/streams");
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("session_expired");
    const again = await replay.newPage();
    await again.goto("/streams");
    await expect(again).toHaveURL(/\/sign-in\?.*reason=expired/);
    await replay.close();
  });

  test("Sign out everywhere ends the sessions of every browser the person is signed in on", async ({ page, browser, baseURL }) => {
    // A person of its own: other tests' demo users keep their sessions.
    const email = `everywhere-${randomUUID().slice(0, 8)}@e2e.local`;
    const password = `pw-${randomUUID()}`;
    const db = new pg.Client({ connectionString: (await credentials()).databaseUrl });
    await db.connect();
    try {
      await db.query("INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Eve Everywhere', 'viewer', $2)", [email, await hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 })]);
    } finally {
      await db.end();
    }
    const other = await browser.newContext({ baseURL });
    await signInThroughApi(other.request, { email, password });
    expect((await other.request.get("/api/v1/streams")).status()).toBe(200);

    await signInThroughApi(page.context().request, { email, password });
    await page.goto("/");
    await page.getByRole("group", { name: "Signed in as" }).getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    const res = await other.request.get("/api/v1/streams");
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("session_expired");
    await other.close();
  });
});
