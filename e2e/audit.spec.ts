import pg from "pg";
import { expect, test, credentials } from "./fixtures/auth";

test.describe("the audit log", () => {
  test.use({ role: "compliance" });

  test("lists sign-ins and denials, filters them, and Verify chain names a row altered in the database", async ({ page, signedIn }) => {
    // A compliance user may not open Settings: the attempt is refused and recorded.
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/no-access/);
    await page.goto(`/audit?action=permission.denied&actor=${encodeURIComponent(signedIn!.email)}`);
    const denial = page.locator(".audit-table tbody tr").first();
    await expect(denial).toContainText("permission.denied");
    await expect(denial).toContainText("page /settings");
    await expect(denial).toContainText("tokens.manage");

    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("auth.sign_in");
    await expect(page.getByRole("main")).toContainText(/Head: entry #\d+/);

    await page.getByLabel("Action").selectOption("auth.sign_in");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=auth.sign_in/);
    const actions = page.locator(".audit-table .audit-action");
    await expect(actions.first()).toHaveText("auth.sign_in");
    expect(new Set(await actions.allTextContents())).toEqual(new Set(["auth.sign_in"]));

    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(page.getByTestId("chain-verdict")).toContainText("Chain OK");
    await page.screenshot({ path: "test-results/screens/audit.png", fullPage: true });

    // The app's own role may not switch off the append-only trigger.
    const { databaseUrl, ownerDatabaseUrl } = await credentials();
    const app = new pg.Client({ connectionString: databaseUrl });
    await app.connect();
    try {
      await expect(app.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update")).rejects.toThrow(/must be owner/);
    } finally {
      await app.end();
    }
    // Someone with the owner's password rewrites an old entry (switching off the append-only trigger first).
    const db = new pg.Client({ connectionString: ownerDatabaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ id: string; target: string }>("SELECT id, target FROM audit_log WHERE action = 'user.created' ORDER BY id LIMIT 1");
      const victim = rows[0];
      const rewrite = (target: string) =>
        db.query(
          `BEGIN; ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
           UPDATE audit_log SET target = '${target.replace(/'/g, "''")}' WHERE id = ${Number(victim.id)};
           ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update; COMMIT;`,
        );
      await rewrite("user:somebody-else@example.com");
      try {
        await page.getByRole("button", { name: "Verify chain" }).click();
        await expect(page.getByTestId("chain-verdict")).toContainText(`Chain broken at entry #${victim.id}: its content was altered`);
        await page.screenshot({ path: "test-results/screens/audit-broken.png", fullPage: true });
      } finally {
        await rewrite(victim.target);
      }
      await page.getByRole("button", { name: "Verify chain" }).click();
      await expect(page.getByTestId("chain-verdict")).toContainText("Chain OK");
    } finally {
      await db.end();
    }
  });
});
