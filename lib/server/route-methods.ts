import fs from "node:fs";
import path from "node:path";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

type Route = { pattern: RegExp; methods: string[] };

/** The methods a route file exports: `export const GET`, `export async function POST`, `export { h as GET }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)) found.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) found.add(part.trim().split(/\s+as\s+/).at(-1)!.trim());
  }
  const methods = METHODS.filter((x) => found.has(x));
  // Next.js answers HEAD from GET and OPTIONS by itself.
  if (methods.includes("GET") && !methods.includes("HEAD")) methods.push("HEAD");
  if (!methods.includes("OPTIONS")) methods.push("OPTIONS");
  return methods.sort();
}

function segmentPattern(segment: string): string {
  if (/^\[\[\.\.\..+\]\]$/.test(segment)) return "(?:/[^/]+)*";
  if (/^\[\.\.\..+\]$/.test(segment)) return "(?:/[^/]+)+";
  if (/^\[.+\]$/.test(segment)) return "/[^/]+";
  if (/^\(.+\)$/.test(segment)) return "";
  return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
}

/**
 * Reads the app router's API route files once, so a 405 can name the methods a route does
 * support; a path no file matches (or a checkout without sources) answers null.
 */
export function loadRouteMethods(root: string): (urlPath: string) => string[] | null {
  const routes: Route[] = [];
  const walk = (dir: string, segments: string[]) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(path.join(dir, e.name), [...segments, e.name]);
      else if (/^route\.(ts|js)$/.test(e.name)) {
        const pattern = new RegExp(`^${segments.map(segmentPattern).join("")}/?$`);
        routes.push({ pattern, methods: exportedMethods(fs.readFileSync(path.join(dir, e.name), "utf8")) });
      }
    }
  };
  walk(path.join(root, "app", "api"), ["api"]);
  return (urlPath) => routes.find((r) => r.pattern.test(urlPath))?.methods ?? null;
}
