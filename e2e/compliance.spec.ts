import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { credentials, expect, signInThroughApi, test } from "./fixtures/auth";

// Erasure with four eyes: one compliance user requests, a second approves, the worker's jobs
// destroy the key and verify, and the certificate opens; self-approval and held subjects are refused.

/** A user subject of the demo world that no erasure request names yet (the n-th such, by stream id). */
async function freeSubject(api: APIRequestContext, n: number): Promise<{ subject: string; email: string }> {
  const streams = (await (await api.get("/api/v1/streams?category=user&limit=200")).json()).streams as { streamId: string }[];
  const taken = new Set(((await (await api.get("/api/v1/erasure-requests?limit=200")).json()).requests as { subjectId: string }[]).map((r) => r.subjectId));
  const free = streams.map((s) => s.streamId.slice("user-".length)).filter((s) => !taken.has(s));
  const subject = free[n];
  const events = (await (await api.get(`/api/v1/streams/user-${subject}/events?limit=1`)).json()).events as { data: { email: string } }[];
  return { subject, email: events[0].data.email };
}

async function secondComplianceUser() {
  const user = (await credentials()).users.find((u) => u.email === "compliance2@hindsight.local");
  if (!user) throw new Error("the second compliance demo user is missing");
  return user;
}

test.describe("compliance", () => {
  test.use({ role: "compliance" });

  test("one compliance user requests, a second approves, the job erases and verifies, and the certificate opens", async ({ page, browser, baseURL, api }) => {
    test.setTimeout(180_000);
    const { subject, email } = await freeSubject(api, 10);
    await page.goto("/compliance");
    await expect(page.getByRole("heading", { level: 1, name: "Compliance" })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/compliance.png", fullPage: true });
    const form = page.getByRole("form", { name: "New erasure request" });
    await form.getByLabel("Subject id").fill(subject);
    await form.getByLabel("Reason").fill(`Art. 17 request e2e ${randomUUID().slice(0, 6)}`);
    await form.getByLabel("Known values (optional, one a line)").fill(email);
    await form.getByRole("button", { name: "Record request" }).click();
    await page.waitForURL(/\/compliance\/requests\/[0-9a-f-]{36}$/);
    const requestUrl = page.url();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Awaiting approval");
    await expect(page.getByText("user / UserRegistered")).toBeVisible();

    // Self-approval is not offered: the button is disabled with the reason beside it (the server refuses it too).
    await expect(page.getByRole("button", { name: "Approve erasure" })).toBeDisabled();
    await expect(page.getByTestId("approve-reason")).toHaveText("Four eyes: you made this request, so another compliance user approves it.");
    // Before completion the certificate is a draft: titled so, and nothing to print.
    await page.goto(`${requestUrl}/certificate`);
    await expect(page.getByRole("article", { name: "Draft erasure certificate" })).toContainText("draft · not a certificate until the erasure is verified");
    await expect(page.getByRole("button", { name: "Print" })).toHaveCount(0);
    await page.goto(requestUrl);
    await page.screenshot({ path: "test-results/screens/compliance-self-approval-refused.png", fullPage: true });

    // The second pair of eyes.
    const second = await browser.newContext({ baseURL });
    const other = await second.newPage();
    await signInThroughApi(second.request, await secondComplianceUser());
    await other.goto(requestUrl);
    await other.getByRole("button", { name: "Approve erasure" }).click();
    await expect(other.getByRole("heading", { level: 1 })).toContainText("Completed", { timeout: 120_000 });
    await expect(other.getByText("Other subjects' data unchanged")).toBeVisible();
    await other.screenshot({ path: "test-results/screens/compliance-request-completed.png", fullPage: true });

    await other.getByRole("link", { name: "Certificate", exact: true }).click();
    await expect(other.getByRole("article", { name: "Erasure certificate" })).toContainText("Erasure completed and verified.");
    await expect(other.getByRole("article", { name: "Erasure certificate" })).not.toContainText(email);
    await other.screenshot({ path: "test-results/screens/compliance-certificate.png", fullPage: true });
    // Printed, the certificate stands alone: no navigation, no buttons.
    await other.emulateMedia({ media: "print" });
    await expect(other.getByRole("navigation", { name: "Main" })).toBeHidden();
    await expect(other.getByRole("button", { name: "Print" })).toBeHidden();
    await other.screenshot({ path: "test-results/screens/compliance-certificate-print.png", fullPage: true });
    await other.emulateMedia({ media: "screen" });
    const id = requestUrl.split("/").pop()!;
    const json = await (await api.get(`/api/v1/erasure-requests/${id}?certificate=1`)).json();
    expect(json).toMatchObject({ final: true, request: { subjectId: subject }, verification: { passed: true } });
    expect(JSON.stringify(json)).not.toContain(email);
    await second.close();

    // Every read shows the subject erased; a new append of its PII is refused.
    const read = await (await api.get(`/api/v1/streams/user-${subject}/events?limit=1`)).json();
    expect(read.events[0].data.email).toBe("[erased]");
    const again = await api.post(`/api/v1/streams/user-${subject}/events`, { data: { events: [{ type: "UserUpdated", data: { userId: subject, email } }] } });
    expect(again.status()).toBe(422);
    expect((await again.json()).error.code).toBe("subject_erased");
    await page.goto(`/streams/user-${subject}`);
    await expect(page.getByText("[erased]").first()).toBeVisible();
  });

  test("a held subject cannot be approved or executed, and goes on to approval once the hold is released", async ({ page, browser, baseURL, api }) => {
    const { subject } = await freeSubject(api, 20);
    await page.goto("/compliance");
    // The demo world's request blocked by a hold.
    await expect(page.locator("tr[data-request-id]").filter({ hasText: "Blocked by hold" }).first()).toBeVisible();

    const holdForm = page.getByRole("form", { name: "New legal hold" });
    await holdForm.getByLabel("Subject, stream or category").fill(subject);
    await holdForm.getByLabel("Reason").fill("Litigation hold e2e");
    await holdForm.getByRole("button", { name: "Place hold" }).click();
    await expect(page.locator(`tr[data-hold-target="${subject}"]`)).toContainText("Standing");

    const requestForm = page.getByRole("form", { name: "New erasure request" });
    await requestForm.getByLabel("Subject id").fill(subject);
    await requestForm.getByLabel("Reason").fill("Art. 17 request while held");
    await requestForm.getByRole("button", { name: "Record request" }).click();
    await page.waitForURL(/\/compliance\/requests\/[0-9a-f-]{36}$/);
    const requestUrl = page.url();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Blocked by hold");
    await expect(page.getByText("Litigation hold e2e")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/compliance-blocked-by-hold.png", fullPage: true });

    // Not even the second compliance user is offered an approval while the hold stands.
    const second = await browser.newContext({ baseURL });
    const other = await second.newPage();
    await signInThroughApi(second.request, await secondComplianceUser());
    await other.goto(requestUrl);
    await expect(other.getByRole("heading", { level: 1 })).toContainText("Blocked by hold");
    await expect(other.getByRole("button", { name: "Approve erasure" })).toHaveCount(0);
    const read = await (await api.get(`/api/v1/streams/user-${subject}/events?limit=1`)).json();
    expect(read.events[0].data.email).not.toBe("[erased]");

    // Released: the request moves on to approval by itself.
    await page.goto("/compliance");
    const row = page.locator(`tr[data-hold-target="${subject}"]`);
    await row.getByLabel(`Why release the hold on subject ${subject}`).fill("Case settled");
    await row.getByRole("button", { name: `Release hold on subject ${subject}` }).click();
    await expect(row).toContainText("Released");
    await other.goto(requestUrl);
    await expect(other.getByRole("heading", { level: 1 })).toContainText("Awaiting approval");
    await expect(other.getByRole("button", { name: "Approve erasure" })).toBeVisible();
    await second.close();
  });
});
