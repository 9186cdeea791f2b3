import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every route folder whose pages wait on data says so while they load, and fails with a way out:
// its own loading.tsx (PageLoading, or its own LoadingRegion) and error.tsx (ErrorPanel), not only the root's.

const APP = path.join(process.cwd(), "app");
// Folders without a page that waits on data: the API, and the sign-in and no-access pages.
const STATIC = new Set(["api", "sign-in", "no-access"]);

function pagesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? pagesUnder(p) : d.name === "page.tsx" ? [p] : [];
  });
}

const routeFolders = fs
  .readdirSync(APP, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !STATIC.has(d.name))
  .map((d) => d.name)
  .filter((name) => pagesUnder(path.join(APP, name)).some((page) => /\bawait\b/.test(fs.readFileSync(page, "utf8"))));

describe("route folders", () => {
  it("are found (the check is not vacuous)", () => {
    expect(routeFolders).toEqual(expect.arrayContaining(["alerts", "archive", "audit", "compliance", "projections", "streams", "users"]));
  });

  it.each(routeFolders)("%s has its own loading and error states, built from the shared skeleton and error panel", (name) => {
    const loading = path.join(APP, name, "loading.tsx");
    const error = path.join(APP, name, "error.tsx");
    expect(fs.existsSync(loading) && fs.readFileSync(loading, "utf8")).toMatch(/<(PageLoading|LoadingRegion)\b/);
    expect(fs.existsSync(error) && fs.readFileSync(error, "utf8")).toMatch(/ErrorPanel/);
  });
});
