import { expect, test } from "./fixtures/auth";

test.use({ role: "ops" });

test("ops rebuild the demo's corrupt account projection, watch it reach 100 %, read the diff, promote and roll back", async ({ page }) => {
  test.setTimeout(180_000);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.accept();
  });

  await page.goto("/projections");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Account balances" }) });
  await expect(row).toContainText("v1");
  await expect(row).toContainText("v2 in code");
  await page.screenshot({ path: "test-results/screens/projections-list.png", fullPage: true });

  await row.getByRole("link", { name: "Account balances" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account balances" })).toBeVisible();
  await expect(page.getByLabel("Build", { exact: true })).toHaveValue("2");
  await expect(page.getByText("compatible", { exact: true })).toBeVisible();
  await page.getByLabel(/^Partitions \(ranges of stream_hash/).fill("2");
  await page.getByRole("button", { name: "Start rebuild of v2" }).click();

  const bar = page.getByRole("progressbar", { name: /^v2 \(#\d+\) replay$/ });
  await expect(bar).toBeVisible();
  await page.screenshot({ path: "test-results/screens/projections-rebuild-progress.png", fullPage: true });
  await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 90_000 });
  await expect(page.getByRole("progressbar", { name: /^partition 1$/ })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByText("replayed, caught up with the log")).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: "test-results/screens/projections-rebuild-done.png", fullPage: true });

  // The diff: only balances change (v1 added withdrawals), nothing added or removed.
  const diff = page.getByRole("region", { name: "Diff before promote" });
  await expect(diff.getByText(/^\d+ changed$/)).toBeVisible();
  await expect(diff.getByText("0 added", { exact: true })).toBeVisible();
  await expect(diff.getByText("0 removed", { exact: true })).toBeVisible();
  const changed = Number((await diff.getByText(/^\d+ changed$/).textContent())!.split(" ")[0]);
  expect(changed).toBeGreaterThan(0);
  await expect(diff.getByRole("row").nth(1)).toContainText("balance");
  await diff.getByLabel("Key starts with").fill("account-1");
  await expect(diff.getByRole("row").nth(1).getByRole("cell").first()).toHaveText(/^account-1/);
  await page.screenshot({ path: "test-results/screens/projections-diff.png", fullPage: true });
  await diff.getByLabel("Key starts with").fill("");

  await diff.getByRole("button", { name: "Promote v2" }).click();
  await expect(page.getByText(/Version #\d+ is live/)).toBeVisible();
  expect(dialogs.at(-1)).toContain(`${changed} changed, 0 added, 0 removed`);
  const versions = page.getByRole("region", { name: "Versions" });
  await expect(versions.getByRole("row").filter({ hasText: "live" }).getByRole("rowheader")).toContainText("v2");
  await page.screenshot({ path: "test-results/screens/projections-promoted.png", fullPage: true });

  await versions.getByRole("button", { name: "Roll back to v1" }).click();
  await expect(page.getByText(/Rolled back: version #\d+ is live again/)).toBeVisible();
  await expect(versions.getByRole("row").filter({ hasText: "live" }).getByRole("rowheader")).toContainText("v1");
  await expect(versions.getByRole("row").filter({ hasText: "previous" }).getByRole("rowheader")).toContainText("v2");
  await page.screenshot({ path: "test-results/screens/projections-rolled-back.png", fullPage: true });
});
