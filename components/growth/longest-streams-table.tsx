import { Truncate } from "@/components/ui/truncate";
import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { TimeAgo } from "@/components/ui/time-ago";
import { streamHref } from "@/components/streams/stream-href";
import { formatBytes, formatCount, formatInteger } from "@/lib/format";
import type { LongStream } from "@/lib/growth/list-longest-streams";

/** The longest streams with their size and how many events a replay folds since the last snapshot. */
export function LongestStreamsTable({ streams }: { streams: LongStream[] }) {
  return (
    <DataTable label="Longest streams">
      <thead>
        <tr>
          <th scope="col">Stream</th>
          <th scope="col" className="num">Events</th>
          <th scope="col" className="num">Size</th>
          <th scope="col" className="num">Since snapshot</th>
          <th scope="col">Last event</th>
        </tr>
      </thead>
      <tbody>
        {streams.map((s) => (
          <tr key={s.streamId}>
            <th scope="row" className="cell-stream">
              <Truncate text={s.streamId} width="id">
                <Link href={streamHref(s.streamId)}>{s.streamId}</Link>
              </Truncate>
            </th>
            <td className="num" title={formatInteger(s.version)}>{formatCount(s.version)}</td>
            <td className="num" title={`${formatInteger(s.bytes)} bytes`}>{formatBytes(s.bytes)}</td>
            <td className="num" title={s.snapshotVersion ? `snapshot at version ${formatInteger(s.snapshotVersion)}` : "no snapshot yet"}>
              {formatCount(s.version - (s.snapshotVersion ?? 0))}
            </td>
            <td className="nowrap">
              <TimeAgo time={s.lastEventAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
