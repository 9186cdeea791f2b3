import Link from "next/link";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatBytes, formatCount, formatInteger } from "@/lib/format";
import type { StreamSummary } from "@/lib/store/list-streams";
import { streamHref } from "./stream-href";

/** One page of streams: id (link), category, version, events, bytes and when the last event came. */
export function StreamsTable({ streams }: { streams: StreamSummary[] }) {
  return (
    <table className="table">
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
              <Link href={streamHref(s.streamId)} className="mono truncate" title={s.streamId}>
                {s.streamId}
              </Link>
            </th>
            <td>
              <Link href={`/streams?category=${encodeURIComponent(s.category)}`} className="subtle-link">
                {s.category}
              </Link>
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
    </table>
  );
}
