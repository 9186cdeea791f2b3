"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { Permission, Role } from "@/lib/auth/permissions";
import { FiringAlertsBadge } from "./firing-alerts-badge";
import { NavIcon } from "./nav-icon";
import { isCurrent, visibleNav } from "./nav-items";
import { UserMenu } from "./user-menu";

export type SidebarViewer = { name: string; email: string; role: Role; pii: "clear" | "masked"; permissions: Permission[] };

/**
 * The console's navigation: the areas the viewer's role can use, the current one marked with
 * aria-current. On a phone it folds behind a menu button: opening moves focus into the menu,
 * Escape closes it and gives focus back to the button, following a link closes it.
 */
export function Sidebar({ viewer }: { viewer: SidebarViewer }) {
  const pathname = usePathname() ?? "/";
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>("a[aria-current], a")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <aside className="sidebar" data-menu-open={open}>
      <div className="sidebar-top">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            H
          </span>
          <span className="brand-name">Hindsight</span>
        </Link>
        <FiringAlertsBadge />
        <button ref={button} type="button" className="menu-button" aria-expanded={open} aria-controls="sidebar-menu" onClick={() => setOpen(!open)}>
          <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
            {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
          </svg>
          Menu
        </button>
      </div>
      <div
        id="sidebar-menu"
        ref={menu}
        className="sidebar-menu"
        onClick={(e) => {
          if ((e.target as Element).closest("a")) setOpen(false);
        }}
      >
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
      </div>
    </aside>
  );
}
