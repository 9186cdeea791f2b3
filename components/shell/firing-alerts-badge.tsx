"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { fetchApi } from "@/lib/browser/api-client";

type Firing = { total: number; critical: number; warning: number; info: number };

const POLL_MS = 5_000;

/** The count of firing alerts beside the brand on every page, refreshed every few seconds and on navigation; links to /alerts. */
export function FiringAlertsBadge() {
  const pathname = usePathname();
  const [firing, setFiring] = useState<Firing | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      fetchApi<{ firing?: Firing }>("/api/v1/alerts?limit=0")
        .then((body) => {
          if (live && body.firing) setFiring(body.firing);
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
  const label = firing.total === 0 ? "No alerts firing" : `${firing.total} alert${firing.total === 1 ? "" : "s"} firing`;
  return (
    <Link href="/alerts" className={`alert-badge alert-badge-${tone}`} data-testid="firing-badge" aria-label={label} title={label}>
      <span className="alert-badge-dot" aria-hidden="true" />
      {firing.total === 0 ? "All clear" : `${firing.total} firing`}
    </Link>
  );
}
