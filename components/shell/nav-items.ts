import type { Permission } from "@/lib/auth/permissions";

/** One place in the console. `icon` names a glyph in nav-icon.tsx; `permission` is what its page requires. */
export type NavItem = { href: string; label: string; icon: NavIconName; permission: Permission };

export type NavIconName =
  | "overview"
  | "growth"
  | "archive"
  | "alerts"
  | "streams"
  | "causation"
  | "schemas"
  | "projections"
  | "compliance"
  | "audit"
  | "users"
  | "settings";

/** The sidebar, grouped by the job people come to do (watch, debug, evolve, govern). */
export const NAV_GROUPS: { label: string; items: NavItem[] }[] = [
  {
    label: "Watch",
    items: [
      { href: "/", label: "Overview", icon: "overview", permission: "events.read" },
      { href: "/growth", label: "Growth", icon: "growth", permission: "stats.read" },
      { href: "/archive", label: "Archive", icon: "archive", permission: "stats.read" },
      { href: "/alerts", label: "Alerts", icon: "alerts", permission: "events.read" },
    ],
  },
  {
    label: "Debug",
    items: [
      { href: "/streams", label: "Streams", icon: "streams", permission: "events.read" },
      { href: "/causation", label: "Causation", icon: "causation", permission: "events.read" },
    ],
  },
  {
    label: "Evolve",
    items: [
      { href: "/schemas", label: "Schemas", icon: "schemas", permission: "events.read" },
      { href: "/projections", label: "Projections", icon: "projections", permission: "events.read" },
    ],
  },
  {
    label: "Govern",
    items: [
      { href: "/compliance", label: "Compliance", icon: "compliance", permission: "erasure.request" },
      { href: "/audit", label: "Audit", icon: "audit", permission: "audit.read" },
      { href: "/users", label: "Users", icon: "users", permission: "users.manage" },
      { href: "/settings", label: "Settings", icon: "settings", permission: "tokens.manage" },
    ],
  },
];

/** The groups with only the items these permissions open; empty groups are dropped. */
export function visibleNav(permissions: readonly Permission[]): { label: string; items: NavItem[] }[] {
  const has = new Set(permissions);
  return NAV_GROUPS.map((g) => ({ ...g, items: g.items.filter((i) => has.has(i.permission)) })).filter((g) => g.items.length > 0);
}

/** Whether `href` is the current area: "/" only on the overview, others on their whole subtree. */
export function isCurrent(href: string, pathname: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
