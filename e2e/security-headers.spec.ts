import { expect, test } from "./fixtures/auth";

// Pages carry a Content-Security-Policy whose script nonce is new on every response and that no
// site may frame, are never cached, and still work under it: no violation on the main pages.

test.describe("security headers on pages", () => {
  test.use({ role: "support" });

  test("every page answer has a fresh script nonce, frame-ancestors 'none' and no-store", async ({ page }) => {
    const nonces = new Set<string>();
    for (const path of ["/", "/", "/streams", "/causation"]) {
      const res = (await page.goto(path))!;
      expect(res.status()).toBe(200);
      const csp = res.headers()["content-security-policy"] ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce, `a script nonce in ${csp}`).toBeTruthy();
      expect(csp).not.toContain("'unsafe-inline' 'nonce"); // scripts run by nonce only
      nonces.add(nonce!);
      expect(res.headers()["cache-control"]).toContain("no-store");
    }
    expect(nonces.size).toBe(4);
  });

  test("the main pages run under the policy without a single violation or console error", async ({ page, api }) => {
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
    const { streams } = await (await api.get("/api/v1/streams?prefix=order-&limit=1")).json();
    const streamId = streams[0].streamId as string;

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Streams" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Streams/ })).toBeVisible();
    await page.goto(`/streams/${encodeURIComponent(streamId)}?v=1`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(streamId);
    // Client-side code runs: the keyboard moves the time machine's cursor.
    await page.keyboard.press("End");
    await page.goto("/causation");
    await expect(page.getByRole("heading", { level: 1, name: /Causation/ })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(problems).toEqual([]);
  });
});

test.describe("the API never answers with the sign-in page", () => {
  test.use({ role: null });

  test("an unknown path is 404 JSON with or without a token; a known one without credentials is 401 JSON", async ({ api, request }) => {
    for (const path of ["/api/v1/nope", "/api/v1/streams/order-1/nope", "/api/nothing/here"]) {
      for (const client of [api, request]) {
        const res = await client.get(path, { maxRedirects: 0 });
        expect(res.status(), path).toBe(404);
        expect((await res.json()).error.code).toBe("not_found");
      }
    }
    const anonymous = await request.get("/api/v1/streams?limit=1", { maxRedirects: 0 });
    expect(anonymous.status()).toBe(401);
    expect((await anonymous.json()).error.code).toBe("unauthenticated");
    const known = await api.get("/api/v1/streams?limit=1", { maxRedirects: 0 });
    expect(known.status()).toBe(200);
  });
});
