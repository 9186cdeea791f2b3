import AxeBuilder from "@axe-core/playwright";
import type { Role } from "../lib/auth/permissions";
import { expect, signInAs, test } from "./fixtures/auth";
import { consolePages, type ConsolePage } from "./fixtures/console-pages";
import { settle } from "./fixtures/settle";

// WCAG 2.1 AA as axe-core measures it, on every page of the route registry as every role that may
// open it (and the sign-in page as nobody): any serious or critical violation fails. One browser
// context per role visits its pages in one loop, to keep the suite's time small.

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const ROLES: (Role | null)[] = [null, "viewer", "support", "ops", "compliance", "admin"];

let pages: ConsolePage[] | undefined;

test.describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  test.use({ role: null });

  for (const role of ROLES) {
    test(`no serious or critical violation on the pages ${role ?? "an anonymous visitor"} can open`, async ({ page, browser, baseURL, api }) => {
      test.setTimeout(240_000);
      if (!pages) {
        const admin = await browser.newContext({ baseURL });
        await signInAs(await admin.newPage(), "admin");
        pages = await consolePages(api, admin.request);
        await admin.close();
      }
      if (role) await signInAs(page, role);
      const mine = pages.filter((p) => (role ? p.roles.includes(role) : p.roles.length === 0));
      expect(mine.length).toBeGreaterThan(0);
      const found: string[] = [];
      for (const p of mine) {
        await page.goto(p.url);
        await settle(page);
        const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        for (const v of violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
          const targets = v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}${n.failureSummary ? ` (${n.failureSummary.split("\n").slice(1, 2).join("").trim()})` : ""}`);
          found.push(`${p.path}: ${v.id} [${v.impact}] on ${v.nodes.length} element(s): ${targets.join("; ")}`);
        }
      }
      expect(found, `axe-core found serious or critical violations as ${role ?? "anonymous"}`).toEqual([]);
    });
  }
});
