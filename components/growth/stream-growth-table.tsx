import { Truncate } from "@/components/ui/truncate";
import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { streamHref } from "@/components/streams/stream-href";
import { formatBytes, formatCount, formatInteger } from "@/lib/format";
import type { StreamGrowth, UnboundedStream } from "@/lib/growth/list-stream-growth";

const REASON: Record<UnboundedStream["reasons"][number], string> = {
  past_snapshot_threshold: "far past its snapshot threshold",
  fast_growth: "growing fast",
};

/** Streams with their growth rate (events per day over their life) and how much a load folds since the last snapshot. */
export function StreamGrowthTable({ streams, showReasons }: { streams: (StreamGrowth | UnboundedStream)[]; showReasons?: boolean }) {
  return (
    <DataTable label="Streams by growth">
      <thead>
        <tr>
          <th scope="col">Stream</th>
          <th scope="col" className="num">Per day</th>
          <th scope="col" className="num">Events</th>
          <th scope="col" className="num">Size</th>
          <th scope="col" className="num">Since snapshot</th>
          {showReasons ? <th scope="col">Why</th> : <th scope="col">Last event</th>}
        </tr>
      </thead>
      <tbody>
        {streams.map((s) => (
          <tr key={s.streamId} data-testid="stream-growth-row">
            <th scope="row" className="cell-stream">
              <Truncate text={s.streamId} width="id">
                <Link href={streamHref(s.streamId)}>{s.streamId}</Link>
              </Truncate>
            </th>
            <td className="num">{formatCount(s.perDay)}</td>
            <td className="num" title={formatInteger(s.version)}>
              {formatCount(s.version)}
            </td>
            <td className="num">{formatBytes(s.bytes)}</td>
            <td className="num" title={s.snapshotEvery ? `the ${s.category} policy snapshots every ${formatInteger(s.snapshotEvery)} events` : "no snapshot policy for this category"}>
              {formatCount(s.sinceSnapshot)}
              {s.snapshotEvery ? <span className="muted"> / {formatCount(s.snapshotEvery)}</span> : null}
            </td>
            {showReasons && "reasons" in s ? (
              <td>
                {s.reasons.map((r) => (
                  <Badge key={r} tone={r === "past_snapshot_threshold" ? "danger" : "warning"}>
                    {REASON[r]}
                  </Badge>
                ))}
              </td>
            ) : (
              <td className="nowrap">
                <TimeAgo time={s.lastEventAt} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
