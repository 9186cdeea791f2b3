"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NavIcon } from "./nav-icon";
import { NAV_GROUPS, isCurrent } from "./nav-items";

export type SidebarProps = { viewerLabel: string; piiMode: "clear" | "masked" };

/** The console's navigation: every area, the current one marked with aria-current. */
export function Sidebar({ viewerLabel, piiMode }: SidebarProps) {
  const pathname = usePathname() ?? "/";
  return (
    <aside className="sidebar">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          H
        </span>
        <span className="brand-name">Hindsight</span>
      </Link>
      <nav aria-label="Main" className="nav">
        {NAV_GROUPS.map((group) => (
          <div key={group.label} className="nav-group">
            <p className="nav-group-label" id={`nav-${group.label}`}>
              {group.label}
            </p>
            <ul aria-labelledby={`nav-${group.label}`}>
              {group.items.map((item) => {
                const current = isCurrent(item.href, pathname);
                return (
                  <li key={item.href}>
                    <Link href={item.href} className="nav-link" aria-current={current ? "page" : undefined}>
                      <NavIcon name={item.icon} />
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </nav>
      <div className="sidebar-footer">
        <span className="viewer-name">{viewerLabel}</span>
        <span className="viewer-pii">{piiMode === "masked" ? "Personal data masked" : "Personal data in clear"}</span>
      </div>
    </aside>
  );
}
