import { expect, test } from "./fixtures/auth";
import { consolePages, type ConsolePage } from "./fixtures/console-pages";
import { layoutProblems } from "./fixtures/layout-check";
import { settle } from "./fixtures/settle";

// Layouts that hold at a desktop, a small laptop and a phone: every page of the route registry, as
// the admin (who sees every page), with a 200-character stream id, long type names and long payload
// values in the store. Set LAYOUT_SHOTS to a folder to keep a full-page screenshot of each.

const WIDTHS = [1440, 1024, 390];

let pages: ConsolePage[] | undefined;

test.describe("layouts that hold", () => {
  test.use({ role: "admin" });

  for (const width of WIDTHS) {
    test(`at ${width} px no page scrolls sideways and nothing leaves its card`, async ({ page, api }) => {
      test.setTimeout(240_000);
      pages ??= await consolePages(api, page.request);
      await page.setViewportSize({ width, height: 900 });
      const found: string[] = [];
      // The sign-in page last, once the session's cookies are gone.
      const visits = [...pages.filter((p) => p.roles.includes("admin")), ...pages.filter((p) => p.roles.length === 0)];
      for (const p of visits) {
        if (p.roles.length === 0) await page.context().clearCookies();
        await page.goto(p.url);
        await settle(page);
        for (const problem of await layoutProblems(page)) found.push(`${p.path}: ${problem}`);
        const shots = process.env.LAYOUT_SHOTS;
        if (shots) await page.screenshot({ path: `${shots}/${width}/${p.path.replace(/[^a-z0-9]+/gi, "_") || "root"}.png`, fullPage: true });
      }
      expect(found, `layout problems at ${width} px`).toEqual([]);
    });
  }
});
