import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import type { RunawayChain } from "@/lib/causation/get-causation-map";
import type { RunawayThresholds } from "@/lib/causation/runaway";
import { formatDateTime, formatInteger, formatPerHour, shortId } from "@/lib/format";
import { Badge } from "../ui/badge";

const REASON: Record<RunawayChain["reasons"][number], string> = { depth: "depth", events: "events", rate: "rate" };

/** Correlations over a threshold in the window, each a link to its graph. */
export function RunawayTable({ runaways, thresholds }: { runaways: RunawayChain[]; thresholds: RunawayThresholds }) {
  return (
    <DataTable label="Correlations over a threshold">
      <caption className="visually-hidden">
        Correlations deeper than {thresholds.maxDepth}, with more than {thresholds.maxEvents} events, or faster than {thresholds.maxPerHour} events an hour
      </caption>
      <thead>
        <tr>
          <th scope="col">Correlation</th>
          <th scope="col">Types</th>
          <th scope="col" className="num">Events</th>
          <th scope="col" className="num">Depth</th>
          <th scope="col" className="num">Rate</th>
          <th scope="col">Active</th>
          <th scope="col">Over</th>
        </tr>
      </thead>
      <tbody>
        {runaways.map((r) => (
          <tr key={r.correlationId}>
            <td>
              <Link href={`/causation?correlation=${r.correlationId}`} className="mono" title={r.correlationId} aria-label={`Graph of correlation ${r.correlationId}`}>
                {shortId(r.correlationId)}
              </Link>
            </td>
            <td className="cell-type">{r.types.join(", ")}</td>
            <td className="num">{formatInteger(r.events)}</td>
            <td className="num">{formatInteger(r.depth)}</td>
            <td className="num nowrap">{formatPerHour(r.perHour)}/h</td>
            <td className="nowrap">
              {formatDateTime(r.firstAt)} – {r.lastAt.slice(11, 19)}
            </td>
            <td>
              {r.reasons.map((reason) => (
                <Badge key={reason} tone="danger">
                  {REASON[reason]}
                </Badge>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
