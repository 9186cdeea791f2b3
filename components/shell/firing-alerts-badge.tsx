"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

type Firing = { total: number; critical: number; warning: number; info: number };

const POLL_MS = 5_000;

/** The count of firing alerts beside the brand on every page, refreshed every few seconds and on navigation; links to /alerts. */
export function FiringAlertsBadge() {
  const pathname = usePathname();
  const [firing, setFiring] = useState<Firing | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      fetch("/api/v1/alerts?limit=0", { cache: "no-store" })
        .then((r) => (r.ok ? r.json() : null))
        .then((body: { firing?: Firing } | null) => {
          if (live && body?.firing) setFiring(body.firing);
        })
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [pathname]);

  if (!firing) return <span className="alert-badge alert-badge-unknown" aria-hidden="true" />;
  const tone = firing.critical > 0 ? "critical" : firing.total > 0 ? "firing" : "clear";
  // The accessible name starts with the visible words (WCAG 2.5.3) and says what they count.
  const visible = firing.total === 0 ? "All clear" : `${firing.total} firing`;
  const more = firing.total === 0 ? ": no alerts firing" : ` alert${firing.total === 1 ? "" : "s"}`;
  return (
    <Link href="/alerts" className={`alert-badge alert-badge-${tone}`} data-testid="firing-badge" title={`${visible}${more}`}>
      <span className="alert-badge-dot" aria-hidden="true" />
      {visible}
      <span className="visually-hidden">{more}</span>
    </Link>
  );
}
