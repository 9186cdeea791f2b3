"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { useFiringCount } from "@/lib/alerts/use-firing-count";

/** The count of firing alerts beside the brand on every page, refreshed every few seconds and on navigation; links to /alerts. */
export function FiringAlertsBadge() {
  const pathname = usePathname();
  const { data: firing, refetch } = useFiringCount();
  useEffect(() => {
    void refetch();
  }, [pathname, refetch]);

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
