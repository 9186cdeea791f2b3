/** One place in the console. `icon` names a glyph in nav-icon.tsx. */
export type NavItem = { href: string; label: string; icon: NavIconName };

export type NavIconName =
  | "overview"
  | "growth"
  | "alerts"
  | "streams"
  | "causation"
  | "schemas"
  | "projections"
  | "compliance"
  | "audit"
  | "settings";

/** The sidebar, grouped by the job people come to do (watch, debug, evolve, govern). */
export const NAV_GROUPS: { label: string; items: NavItem[] }[] = [
  {
    label: "Watch",
    items: [
      { href: "/", label: "Overview", icon: "overview" },
      { href: "/growth", label: "Growth", icon: "growth" },
      { href: "/alerts", label: "Alerts", icon: "alerts" },
    ],
  },
  {
    label: "Debug",
    items: [
      { href: "/streams", label: "Streams", icon: "streams" },
      { href: "/causation", label: "Causation", icon: "causation" },
    ],
  },
  {
    label: "Evolve",
    items: [
      { href: "/schemas", label: "Schemas", icon: "schemas" },
      { href: "/projections", label: "Projections", icon: "projections" },
    ],
  },
  {
    label: "Govern",
    items: [
      { href: "/compliance", label: "Compliance", icon: "compliance" },
      { href: "/audit", label: "Audit", icon: "audit" },
      { href: "/settings", label: "Settings", icon: "settings" },
    ],
  },
];

/** Whether `href` is the current area: "/" only on the overview, others on their whole subtree. */
export function isCurrent(href: string, pathname: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
