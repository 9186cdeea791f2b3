"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { signOutEverywhereAction } from "@/lib/auth/session-actions";
import type { SidebarViewer } from "./sidebar";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}

/** Who is signed in (name, role, whether personal data shows in clear) and the way out. */
export function UserMenu({ viewer }: { viewer: SidebarViewer }) {
  const [leaving, setLeaving] = useState(false);
  return (
    <div className="sidebar-footer user-menu" aria-label="Signed in as" role="group">
      <div className="user-menu-who">
        <span className="user-avatar" aria-hidden="true">
          {initials(viewer.name || viewer.email)}
        </span>
        <span className="user-menu-text">
          <span className="viewer-name" title={viewer.email}>
            {viewer.name || viewer.email}
          </span>
          <span className="viewer-role">
            <span className="role-chip" data-role={viewer.role}>
              {ROLE_LABELS[viewer.role]}
            </span>
            <span className="viewer-pii">{viewer.pii === "masked" ? "Personal data masked" : "Personal data in clear"}</span>
          </span>
        </span>
      </div>
      <button
        type="button"
        className="sign-out"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void signOut({ callbackUrl: "/sign-in" });
        }}
      >
        {leaving ? "Signing out…" : "Sign out"}
      </button>
      <button
        type="button"
        className="sign-out sign-out-everywhere"
        disabled={leaving}
        title="End every session of yours, on every device"
        onClick={() => {
          setLeaving(true);
          // The server ends every session first; then this browser's cookie is cleared too.
          void signOutEverywhereAction().finally(() => signOut({ callbackUrl: "/sign-in" }));
        }}
      >
        Sign out everywhere
      </button>
    </div>
  );
}
