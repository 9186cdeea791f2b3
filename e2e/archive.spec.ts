import { expect, test } from "./fixtures/auth";
import type { Page } from "@playwright/test";

// Archiving end to end (issue #9): ops create a policy and run it; the growth page shows the hot
// store shrink; an archived stream still opens at any point of its history, old events from cold.

async function tier(page: Page, label: string): Promise<number> {
  const value = await page.locator(`[data-tier="${label}"] .stat-value`).getAttribute("data-value");
  return Number(value);
}

test.describe("Archive", () => {
  test.use({ role: "ops" });

  test("a ticker policy moves old events to cold storage; the growth page shows the hot store shrink; an archived stream opens at any point", async ({ page, api }) => {
    await page.goto("/growth");
    const tiers = page.getByTestId("storage-tiers");
    await expect(tiers).toBeVisible();
    const hotBefore = await tier(page, "Hot events");
    const coldBefore = await tier(page, "Cold events");
    expect(hotBefore).toBeGreaterThan(0);

    await page.goto("/archive");
    await expect(page.getByRole("heading", { name: "Archive", level: 1 })).toBeVisible();
    const form = page.getByRole("form", { name: "Archive policy" });
    await form.getByLabel("Category", { exact: true }).fill("ticker");
    await form.getByLabel("Archive events older than (days)").fill("30");
    await form.getByRole("button", { name: "Save policy" }).click();
    await expect(form.getByRole("status")).toContainText("Policy for ticker");
    const row = page.locator('tr[data-policy="ticker"]');
    await expect(row).toBeVisible();
    await expect(row).toContainText("behind snapshots");

    await row.getByRole("button", { name: "Run now: the ticker policy" }).click();
    const outcome = row.getByTestId("run-result");
    await expect(outcome).toContainText(/Archived [\d,]+ event\(s\) in \d+ segment\(s\)/, { timeout: 60_000 });
    const moved = Number((await outcome.textContent())!.match(/Archived ([\d,]+)/)![1].replace(/,/g, ""));
    expect(moved).toBeGreaterThan(0);
    await page.goto("/archive");
    await expect(page.getByTestId("runs")).toContainText("succeeded");
    await expect(page.getByTestId("segments")).toContainText("cold/ticker~");
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { name: "Cold segments" })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/archive-page.png", fullPage: true });

    await page.goto("/growth");
    await expect(page.getByTestId("storage-tiers")).toBeVisible();
    expect(await tier(page, "Cold events")).toBe(coldBefore + moved);
    // Other specs append a few events to their own streams meanwhile: the hot store shrank by what moved, give or take those.
    const hotAfter = await tier(page, "Hot events");
    expect(hotAfter).toBeLessThan(hotBefore);
    expect(hotAfter).toBeGreaterThanOrEqual(hotBefore - moved);
    expect(hotAfter).toBeLessThanOrEqual(hotBefore - moved + 100);
    await page.getByTestId("storage-tiers").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screens/archive-growth.png", fullPage: true });

    // An archived ticker stream: its default read starts after the archived range.
    const streams = (await (await api.get("/api/v1/streams?category=ticker&limit=50")).json()).streams as { streamId: string; version: number }[];
    let archived: { streamId: string; through: number; version: number } | null = null;
    for (const s of streams) {
      const page1 = await (await api.get(`/api/v1/streams/${encodeURIComponent(s.streamId)}/events?limit=1`)).json();
      if (page1.archivedThrough > 2) {
        archived = { streamId: s.streamId, through: page1.archivedThrough, version: s.version };
        break;
      }
    }
    expect(archived, "a ticker stream with archived events").toBeTruthy();
    const { streamId, through } = archived!;
    const all = await (await api.get(`/api/v1/streams/${encodeURIComponent(streamId)}/events?limit=5&includeArchived=true`)).json();
    expect(all.events[0].streamVersion).toBe(1);
    expect(all.cold.events).toBe(5);

    // Time travel into the archived range, by version and by time.
    const mid = Math.max(1, Math.floor(through / 2));
    await page.goto(`/streams/${encodeURIComponent(streamId)}?v=${mid}`);
    await expect(page.getByRole("heading", { name: `State at version ${mid}` })).toBeVisible();
    const notice = page.getByRole("region", { name: "Archived events" });
    await expect(notice).toContainText(`older events are archived`);
    await notice.getByRole("button", { name: "load them" }).click();
    await expect(notice.getByTestId("cold-read")).toContainText(/archived events loaded; the last page took \d+ ms/);
    await expect(notice.getByText("cold").first()).toBeVisible();
    await page.screenshot({ path: "test-results/screens/archive-stream.png", fullPage: true });

    const at = all.events[2].recordedAt as string;
    const state = await (await api.get(`/api/v1/streams/${encodeURIComponent(streamId)}/state?at=${encodeURIComponent(at)}`)).json();
    expect(state.version).toBe(3);
    expect(state.at).toBe(at);
  });

  test("viewers see the archive but cannot change policies", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { signInAs } = await import("./fixtures/auth");
    await signInAs(page, "viewer");
    await page.goto("/archive");
    await expect(page.getByRole("heading", { name: "Archive", level: 1 })).toBeVisible();
    await expect(page.getByRole("form", { name: "Archive policy" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Legal-hold segments" })).toHaveCount(0);
    await context.close();
  });
});
