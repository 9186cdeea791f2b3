import { ROUTES } from "../auth/route-registry";

// Route paths become patterns: `[name]` is one segment, `[...name]` one or more.
const API_PATTERNS = [...new Set(ROUTES.map((r) => r.path).filter((p) => p.startsWith("/api/")))].map(
  (path) =>
    new RegExp(
      `^${path
        .split("/")
        .map((s) => (/^\[\.\.\..+\]$/.test(s) ? ".+" : /^\[.+\]$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("/")}/?$`,
    ),
);

/** Whether some route handler answers this path (any method): every route is listed in the registry. */
export function isKnownApiPath(pathname: string): boolean {
  return API_PATTERNS.some((p) => p.test(pathname));
}
