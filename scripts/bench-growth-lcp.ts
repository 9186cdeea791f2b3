// npm run bench:growth-lcp — largest contentful paint of the growth page with the demo world, in Chromium.
// Runs against a server that is already up (e.g. `E2E_DEMO_EVENTS=200000 tsx --conditions=react-server
// scripts/e2e-server.ts`), signing in with the demo users that server writes to E2E_CREDENTIALS_FILE.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { E2E_CREDENTIALS_FILE, E2E_PORT } from "../e2e/fixtures/paths";

const RUNS = Number(process.env.LCP_RUNS ?? 7);
const PAGE = process.env.LCP_PATH ?? "/growth?days=30";

async function main() {
  const base = process.env.BASE_URL ?? `http://localhost:${E2E_PORT}`;
  const { users } = JSON.parse(fs.readFileSync(E2E_CREDENTIALS_FILE, "utf8")) as { users: { email: string; password: string; role: string }[] };
  const ops = users.find((u) => u.role === "ops")!;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
  const { csrfToken } = await (await context.request.get("/api/auth/csrf")).json();
  const signIn = await context.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: ops.email, password: ops.password, callbackUrl: "/", json: "true" } });
  if (!signIn.ok()) throw new Error(`sign-in answered ${signIn.status()}`);

  const samples: { lcpMs: number; ttfbMs: number; element: string }[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const page = await context.newPage();
    await page.goto(PAGE, { waitUntil: "load" });
    // The LCP entry is final once the page has been idle a moment (no user input here to stop it).
    const m = await page.evaluate(
      () =>
        new Promise<{ lcpMs: number; ttfbMs: number; element: string }>((resolve) => {
          let last: (PerformanceEntry & { element?: Element | null }) | undefined;
          new PerformanceObserver((list) => {
            last = list.getEntries().at(-1) as typeof last;
          }).observe({ type: "largest-contentful-paint", buffered: true });
          setTimeout(() => {
            const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
            const el = last?.element;
            resolve({ lcpMs: last?.startTime ?? NaN, ttfbMs: nav.responseStart, element: el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ")[0]}` : ""}` : "?" });
          }, 1500);
        }),
    );
    await page.close();
    if (i > 0) samples.push(m); // the first load warms the server's caches and is not counted
    console.log(`run ${i}${i === 0 ? " (warm-up)" : ""}: LCP ${m.lcpMs.toFixed(0)} ms (${m.element}), TTFB ${m.ttfbMs.toFixed(0)} ms`);
  }
  await browser.close();
  const lcp = samples.map((s) => s.lcpMs).sort((a, b) => a - b);
  const result = {
    bench: "growth-lcp",
    at: new Date().toISOString(),
    page: PAGE,
    runs: samples.length,
    lcpMs: { p50: lcp[Math.floor(lcp.length / 2)], max: lcp.at(-1) },
    ttfbMsP50: samples.map((s) => s.ttfbMs).sort((a, b) => a - b)[Math.floor(samples.length / 2)],
    target: { lcpMs: 1500 },
    samples,
  };
  const dir = path.join(process.cwd(), "bench-results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `growth-lcp-${result.at.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`LCP p50 ${result.lcpMs.p50.toFixed(0)} ms, max ${result.lcpMs.max!.toFixed(0)} ms over ${samples.length} loads → ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
