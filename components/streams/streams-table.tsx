import { Truncate } from "@/components/ui/truncate";
import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatBytes, formatCount, formatInteger } from "@/lib/format";
import type { StreamSummary } from "@/lib/store/list-streams";
import { streamHref } from "./stream-href";

/** One page of streams: id (link), category, version, events, bytes and when the last event came. */
export function StreamsTable({ streams }: { streams: StreamSummary[] }) {
  return (
    <DataTable label="Streams found">
      <thead>
        <tr>
          <th scope="col">Stream</th>
          <th scope="col">Category</th>
          <th scope="col" className="num">
            Version
          </th>
          <th scope="col" className="num">
            Events
          </th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col" className="num">
            Last event
          </th>
        </tr>
      </thead>
      <tbody>
        {streams.map((s) => (
          <tr key={s.streamId}>
            <th scope="row" className="cell-stream">
              <Truncate text={s.streamId} width="id">
                <Link href={streamHref(s.streamId)} className="mono">
                  {s.streamId}
                </Link>
              </Truncate>
            </th>
            <td>
              <Truncate text={s.category} width="short">
                <Link href={`/streams?category=${encodeURIComponent(s.category)}`} className="subtle-link">
                  {s.category}
                </Link>
              </Truncate>
            </td>
            <td className="num">{formatInteger(s.version)}</td>
            <td className="num" title={formatInteger(s.eventCount)}>
              {formatCount(s.eventCount)}
            </td>
            <td className="num" title={`${formatInteger(s.bytes)} bytes`}>
              {formatBytes(s.bytes)}
            </td>
            <td className="num nowrap">
              <TimeAgo time={s.lastEventAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
