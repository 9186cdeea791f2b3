// npx tsx --conditions=react-server scripts/bench-stream-page.ts [--events N] [--loads N] [--frames N]
// The stream page of a 100 000-event stream (issue #5): first paint (FCP/LCP from Chromium's own
// PerformanceObserver entries) and scrolling smoothness of the timeline (requestAnimationFrame gaps
// and long tasks while scrolling programmatically). Starts its own embedded PostgreSQL and the
// built app (scripts/lib/boot.ts), bulk-inserts the stream, prints a table and writes
// bench-results/stream-page.json. Targets: first paint ≤ 1 s on localhost; no frame later than 50 ms.
import "../domains/demo/install";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { freePort } from "../lib/testing/global-setup";
import { fmtInt, table } from "./bench/report";
import { summarize } from "./bench/stats";
import { explainLookups, fillStream } from "./bench-stream-page/fill-stream";
import { launchChromium, measureLoad, measureScroll, signedInContext, type LoadFigures, type ScrollFigures } from "./bench-stream-page/measure-page";
import { boot } from "./lib/boot";

const TARGETS = { firstPaintMs: 1000, framesOver50ms: 0 };
const STREAM_ID = "ticker-BENCHPAGE";
const started = Date.now();
const loadAtStart = os.loadavg();
const log = (line: string) => console.log(`[bench-stream-page +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: "string" }, loads: { type: "string" }, frames: { type: "string" } } });
  const events = Number(values.events ?? 100_000);
  const loads = Number(values.loads ?? 7);
  const frames = Number(values.frames ?? 600);

  delete process.env.DATABASE_URL;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-bench-page-"));
  fs.chmodSync(dataDir, 0o711); // the embedded server runs as the postgres user when we are root
  const app = await boot({ root: process.cwd(), dataDir, port: await freePort(), pgPort: await freePort(), demoEvents: 0, log });
  const browser = await launchChromium();
  try {
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    const filled = await fillStream(db, STREAM_ID, events).catch(async (e) => {
      await db.end();
      throw e;
    });
    log(`${fmtInt(filled.events)} events in ${STREAM_ID} in ${filled.seconds.toFixed(1)} s; taking snapshots (every 1 000 for tickers)`);
    const { takeSnapshots } = await import("../lib/snapshots/take-snapshots");
    const snapshots = (await takeSnapshots({ streamIds: [STREAM_ID] })).snapshots;
    const plans = await explainLookups(db, STREAM_ID);
    await db.end();

    const support = app.demoUsers.find((u) => u.role === "support");
    if (!support) throw new Error("no demo support user");
    const pagePath = `/streams/${encodeURIComponent(STREAM_ID)}`;
    const paths = { newest: pagePath, "middle, drawer open": `${pagePath}?v=${Math.ceil(events / 2)}&event=${Math.ceil(events / 2)}` };

    // One load to warm the server (route code, plan cache, page cache) before anything is timed.
    await measureLoad(await signedInContext(browser, app.url, support), pagePath);
    const loadRuns: Record<string, LoadFigures[]> = {};
    for (const [name, p] of Object.entries(paths)) {
      loadRuns[name] = [];
      for (let i = 0; i < loads; i++) {
        const context = await signedInContext(browser, app.url, support);
        loadRuns[name].push(await measureLoad(context, p));
        await context.close();
      }
      log(`loaded "${name}" ${loads} times`);
    }

    const context = await signedInContext(browser, app.url, support);
    const page = await context.newPage();
    await page.goto(`${pagePath}?v=1`);
    await page.locator(".tm-row .tm-type").first().waitFor();
    const scroll: ScrollFigures[] = [];
    // The same frames with nothing scrolling: what the machine's own load costs (six helpers share two cores here).
    scroll.push(await measureScroll(page, "idle, no scrolling (baseline)", 0, Math.round(frames / 2)));
    scroll.push(await measureScroll(page, "steady, 40 px per frame (a mouse wheel)", 40, frames));
    scroll.push(await measureScroll(page, "fling, 2 000 px per frame", 2_000, Math.round(frames / 2)));
    scroll.push(await measureScroll(page, "jumps, 100 000 px per frame (dragging the scrollbar)", 100_000, Math.round(frames / 4)));
    await context.close();

    report({ events, filled, snapshots, plans, loadRuns, scroll });
  } finally {
    await browser.close().catch(() => undefined);
    await app.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

type Results = {
  events: number;
  filled: Awaited<ReturnType<typeof fillStream>>;
  snapshots: number;
  plans: Record<string, string>;
  loadRuns: Record<string, LoadFigures[]>;
  scroll: ScrollFigures[];
};

function report(r: Results): void {
  const loads = Object.entries(r.loadRuns).map(([name, runs]) => {
    const fcp = summarize(runs.map((x) => x.fcpMs));
    const lcp = summarize(runs.map((x) => x.lcpMs));
    const rows = summarize(runs.map((x) => x.timelineRowsMs));
    return { name, fcp, lcp, rows, lcpElement: runs[0].lcpElement, htmlHasRows: runs[0].htmlHasRows, htmlBytes: runs[0].htmlBytes, apiBytes: runs[0].apiBytes, apiRequests: runs[0].apiRequests, domRows: runs[0].domRows };
  });
  const worstFcp = Math.max(...loads.map((l) => l.fcp.p95));
  const worstLcp = Math.max(...loads.map((l) => l.lcp.p95));
  const worstFrames = Math.max(...r.scroll.filter((s) => !s.pattern.startsWith("idle")).map((s) => s.framesOver50ms));
  console.log(`\nStream page of ${STREAM_ID}: ${fmtInt(r.events)} events, ${r.snapshots} snapshots; headless Chromium at 1440×900, signed in as support\n`);
  console.log(
    table(
      ["page load", "samples", "FCP p50/p95 ms", "LCP p50/p95 ms", "rows shown p50 ms", "HTML KB", "API KB (reqs)", "rows in DOM"],
      loads.map((l) => [l.name, String(l.fcp.count), `${l.fcp.p50} / ${l.fcp.p95}`, `${l.lcp.p50} / ${l.lcp.p95}`, String(l.rows.p50), (l.htmlBytes / 1024).toFixed(0), `${(l.apiBytes / 1024).toFixed(0)} (${l.apiRequests})`, String(l.domRows)]),
    ),
  );
  console.log(
    "\n" +
      table(
        ["timeline scroll", "frames", "s", "p50 ms", "p95 ms", "max ms", "> 50 ms", "> 33 ms", "long tasks", "pages fetched"],
        r.scroll.map((s) => [s.pattern, String(s.frames), String(s.seconds), String(s.p50FrameMs), String(s.p95FrameMs), String(s.maxFrameMs), String(s.framesOver50ms), String(s.framesOver33ms), String(s.longTasks), String(s.pagesFetched)]),
      ),
  );
  for (const l of loads) console.log(`${l.name}: LCP element ${l.lcpElement}; rows in the server's HTML: ${l.htmlHasRows ? "yes" : "no"}`);
  console.log("\nquery plans:");
  for (const [name, plan] of Object.entries(r.plans)) console.log(`  ${name}: ${plan}`);
  const verdict = {
    firstContentfulPaint: worstFcp <= TARGETS.firstPaintMs ? "met" : "MISSED",
    largestContentfulPaint: worstLcp <= TARGETS.firstPaintMs ? "met" : "MISSED",
    scrolling: worstFrames <= TARGETS.framesOver50ms ? "met" : "MISSED",
  };
  console.log(`\nfirst paint ≤ ${TARGETS.firstPaintMs} ms: FCP worst p95 ${worstFcp} ms ${verdict.firstContentfulPaint}; LCP worst p95 ${worstLcp} ms ${verdict.largestContentfulPaint}`);
  console.log(`no frame > 50 ms while scrolling: worst ${worstFrames} frames ${verdict.scrolling} (idle baseline on this machine: ${r.scroll[0].framesOver50ms}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")})`);
  const out = path.join("bench-results", "stream-page.json");
  fs.mkdirSync("bench-results", { recursive: true });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAvgAtStart: loadAtStart, loadAvgAtEnd: os.loadavg() };
  fs.writeFileSync(out, JSON.stringify({ when: new Date().toISOString(), machine, targets: TARGETS, verdict, streamId: STREAM_ID, ...r, loads }, null, 2));
  console.log(`written ${out}`);
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
