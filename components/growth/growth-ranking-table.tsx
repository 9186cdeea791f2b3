import Link from "next/link";
import { categoryColor, type CategoryRanking } from "@/lib/category-palette";
import { formatBytes, formatCount, formatInteger } from "@/lib/format";
import type { RankedKey } from "@/lib/growth/growth-summary";
import { queryString } from "@/lib/search-params";
import { CategorySwatch } from "../ui/category-colors";
import { seriesColor } from "./series-colors";

export type GrowthRankingProps = {
  ranked: RankedKey[];
  by: "category" | "type";
  /** The shared category ranking (colours); types are coloured by their rank here. */
  ranking: CategoryRanking;
  /** The window's first and last UTC days, for the links to the streams. */
  fromDay: string;
  toDay: string;
};

/** "+240 %", "−50 %", "new" (nothing in the first half). */
function formatChange(change: number | null): string {
  if (change === null) return "new";
  const pct = Math.round(change * 100);
  return `${pct > 0 ? "+" : pct < 0 ? "−" : "±"}${formatInteger(Math.abs(pct))} %`;
}

/** Categories (or types) ranked by the events they added in the window, with their share and the trend from its first half to its second. */
export function GrowthRankingTable({ ranked, by, ranking, fromDay, toDay }: GrowthRankingProps) {
  return (
    <table className="table growth-ranking" data-testid="growth-ranking">
      <thead>
        <tr>
          <th scope="col" className="num">#</th>
          <th scope="col">{by === "category" ? "Category" : "Event type"}</th>
          <th scope="col" className="num">Events added</th>
          <th scope="col" className="num">Share</th>
          <th scope="col" className="num">Bytes</th>
          <th scope="col" className="num" title="Events in the window's second half against its first half">
            Trend
          </th>
        </tr>
      </thead>
      <tbody>
        {ranked.map((r, i) => (
          <tr key={r.key}>
            <td className="num">{i + 1}</td>
            <th scope="row" className="cell-strong">
              <CategorySwatch color={by === "category" ? categoryColor(r.key, ranking) : seriesColor(r.key, i)} />{" "}
              <Link href={`/streams${queryString({ [by]: r.key, from: fromDay, to: toDay })}`} className="mono">
                {r.key}
              </Link>
            </th>
            <td className="num" title={formatInteger(r.events)}>
              {formatCount(r.events)}
            </td>
            <td className="num">{(r.share * 100).toFixed(1)} %</td>
            <td className="num">{formatBytes(r.bytes)}</td>
            <td className="num" title={`${formatInteger(r.firstHalf)} → ${formatInteger(r.secondHalf)} events`}>
              {formatChange(r.change)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
