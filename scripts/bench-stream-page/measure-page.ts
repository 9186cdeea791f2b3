import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

// What a support engineer feels on the stream page, measured in Chromium: paint timings from the
// browser's own PerformanceObserver entries, and frame gaps (requestAnimationFrame) while the
// timeline is scrolled programmatically.

export type LoadFigures = {
  /** First contentful paint and largest contentful paint, ms from navigation start. */
  fcpMs: number;
  lcpMs: number;
  /** When the timeline's first row showed its event type (the first page of events arrived). */
  timelineRowsMs: number;
  /** The element the browser took as largest contentful paint, and whether the HTML already held timeline rows. */
  lcpElement: string;
  htmlHasRows: boolean;
  /** Bytes of the HTML document and of every /api response the page fetched while loading. */
  htmlBytes: number;
  apiBytes: number;
  apiRequests: number;
  /** Rows the timeline has in the DOM (virtualised: a screenful, not the stream). */
  domRows: number;
};

export type ScrollFigures = {
  pattern: string;
  frames: number;
  seconds: number;
  /** Gaps between animation frames, ms. */
  p50FrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  /** Frames later than 50 ms (the target is none) and later than 2 × 16.7 ms. */
  framesOver50ms: number;
  framesOver33ms: number;
  longTasks: number;
  pagesFetched: number;
};

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Debian's Chromium (Playwright's own download cannot run on these machines). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A fresh context (empty cache) signed in through next-auth's credentials endpoints. */
export async function signedInContext(browser: Browser, baseURL: string, user: { email: string; password: string }): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  const { csrfToken } = await (await context.request.get("/api/auth/csrf")).json();
  const res = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: user.password, callbackUrl: "/", json: "true" },
  });
  if (!res.ok() || String((await res.json()).url).includes("error=")) throw new Error(`could not sign in as ${user.email}`);
  return context;
}

// Installed before any page script: records when the first timeline row shows an event type.
const ROW_PROBE = `
  window.__rows = null;
  new MutationObserver((_, obs) => {
    const type = document.querySelector(".tm-row .tm-type");
    if (type && type.textContent && !type.querySelector(".skeleton")) { window.__rows = performance.now(); obs.disconnect(); }
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

/** Loads `path` in a fresh page and reads FCP, LCP and when the timeline filled. */
export async function measureLoad(context: BrowserContext, path: string): Promise<LoadFigures> {
  const page = await context.newPage();
  await page.addInitScript(ROW_PROBE);
  let apiBytes = 0;
  let apiRequests = 0;
  const bodies: Promise<void>[] = [];
  page.on("response", (res) => {
    if (!new URL(res.url()).pathname.startsWith("/api/")) return;
    apiRequests++;
    bodies.push(res.body().then((b) => void (apiBytes += b.length), () => undefined));
  });
  const doc = await page.goto(path, { waitUntil: "load" });
  const html = (await doc?.text()) ?? "";
  await page.waitForFunction(() => (window as unknown as { __rows: number | null }).__rows !== null, null, { timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  const paints = await page.evaluate(
    () =>
      new Promise<{ fcp: number; lcp: number; rows: number; domRows: number; element: string }>((resolve) => {
        const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
        let lcp = NaN;
        let element = "";
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { element?: Element | null })[]) {
            lcp = e.startTime;
            element = e.element ? `${e.element.tagName.toLowerCase()}.${String(e.element.className).split(" ").join(".")}` : "(removed)";
          }
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve({ fcp, lcp, element, rows: (window as unknown as { __rows: number }).__rows, domRows: document.querySelectorAll(".tm-row").length }), 300);
      }),
  );
  await Promise.all(bodies);
  await page.close();
  return {
    fcpMs: round(paints.fcp),
    lcpMs: round(paints.lcp),
    timelineRowsMs: round(paints.rows),
    lcpElement: paints.element,
    htmlHasRows: html.includes('class="tm-row'),
    htmlBytes: html.length,
    apiBytes,
    apiRequests,
    domRows: paints.domRows,
  };
}

/**
 * Scrolls the timeline by `stepPx` every animation frame for `frames` frames and records the
 * gaps between frames and the long tasks meanwhile (the page fetches rows as they come into view).
 */
export async function measureScroll(page: Page, pattern: string, stepPx: number, frames: number): Promise<ScrollFigures> {
  let pagesFetched = 0;
  const onRequest = (req: { url: () => string }) => {
    if (/\/api\/v1\/streams\/.+\/events\?/.test(req.url())) pagesFetched++;
  };
  page.on("request", onRequest);
  const r = (await page.evaluate(scrollScript(stepPx, frames))) as { gaps: number[]; longTasks: number; seconds: number };
  page.off("request", onRequest);
  const sorted = [...r.gaps].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return {
    pattern,
    frames: r.gaps.length,
    seconds: round(r.seconds),
    p50FrameMs: round(pct(50)),
    p95FrameMs: round(pct(95)),
    maxFrameMs: round(sorted[sorted.length - 1]),
    framesOver50ms: r.gaps.filter((g) => g > 50).length,
    framesOver33ms: r.gaps.filter((g) => g > 33.4).length,
    longTasks: r.longTasks,
    pagesFetched,
  };
}

// A string, not a function: tsx's transform wraps named functions in a helper the page does not have.
function scrollScript(stepPx: number, frames: number): string {
  return `new Promise((resolve) => {
    const el = document.querySelector(".tm-scroll");
    let longTasks = 0;
    const obs = new PerformanceObserver((list) => { longTasks += list.getEntries().length; });
    obs.observe({ type: "longtask" });
    const gaps = [];
    let last = performance.now();
    const start = last;
    let direction = 1;
    function tick(now) {
      gaps.push(now - last);
      last = now;
      // Bounce between the ends so a long run keeps scrolling.
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) direction = -1;
      else if (el.scrollTop <= 0) direction = 1;
      el.scrollTop += direction * ${stepPx};
      if (gaps.length < ${frames}) requestAnimationFrame(tick);
      else {
        obs.disconnect();
        resolve({ gaps: gaps.slice(1), longTasks, seconds: (now - start) / 1000 });
      }
    }
    requestAnimationFrame(tick);
  })`;
}

const round = (n: number) => Math.round(n * 10) / 10;
