"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Permission, Role } from "@/lib/auth/permissions";
import { FiringAlertsBadge } from "./firing-alerts-badge";
import { NavIcon } from "./nav-icon";
import { isCurrent, visibleNav } from "./nav-items";
import { UserMenu } from "./user-menu";

export type SidebarViewer = { name: string; email: string; role: Role; pii: "clear" | "masked"; permissions: Permission[] };

/** The console's navigation: the areas the viewer's role can use, the current one marked with aria-current. */
export function Sidebar({ viewer }: { viewer: SidebarViewer }) {
  const pathname = usePathname() ?? "/";
  return (
    <aside className="sidebar">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          H
        </span>
        <span className="brand-name">Hindsight</span>
      </Link>
      <FiringAlertsBadge />
      <nav aria-label="Main" className="nav">
        {visibleNav(viewer.permissions).map((group) => (
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
      <UserMenu viewer={viewer} />
    </aside>
  );
}
