import Link from "next/link";
import { queryString } from "@/lib/search-params";

export const RANGES = [7, 30, 90] as const;
export type RangeDays = (typeof RANGES)[number];
export type GroupBy = "category" | "type";

/** One choice as a link that puts it in the URL, so every view can be shared, bookmarked and reached by keyboard. */
function Choice({ href, current, children }: { href: string; current: boolean; children: React.ReactNode }) {
  return (
    <Link href={href} className="segment" aria-current={current ? "true" : undefined} scroll={false}>
      {children}
    </Link>
  );
}

/** Range (7/30/90 days) and stacking (category or type) for the growth page. */
export function GrowthControls({ days, by }: { days: RangeDays; by: GroupBy }) {
  const href = (d: RangeDays, b: GroupBy) => `/growth${queryString({ days: d === 30 ? undefined : d, by: b === "category" ? undefined : b })}`;
  return (
    <div className="segment-bar">
      <nav className="segments" aria-label="Range">
        {RANGES.map((d) => (
          <Choice key={d} href={href(d, by)} current={d === days}>
            {d} days
          </Choice>
        ))}
      </nav>
      <nav className="segments" aria-label="Stack by">
        {(["category", "type"] as const).map((b) => (
          <Choice key={b} href={href(days, b)} current={b === by}>
            By {b}
          </Choice>
        ))}
      </nav>
    </div>
  );
}
