import Link from "next/link";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatBytes, formatDateTime, formatInteger } from "@/lib/format";
import type { StreamSummary as Summary } from "@/lib/store/list-streams";

/** The facts about one stream under its title: version, events, size, first and last event. */
export function StreamSummary({ stream }: { stream: Summary }) {
  return (
    <dl className="summary-strip stream-summary">
      <div>
        <dt>Category</dt>
        <dd>
          <Link href={`/streams?category=${encodeURIComponent(stream.category)}`}>{stream.category}</Link>
        </dd>
      </div>
      <div>
        <dt>Version</dt>
        <dd>{formatInteger(stream.version)}</dd>
      </div>
      <div>
        <dt>Events</dt>
        <dd>{formatInteger(stream.eventCount)}</dd>
      </div>
      <div>
        <dt>Size</dt>
        <dd title={`${formatInteger(stream.bytes)} bytes`}>{formatBytes(stream.bytes)}</dd>
      </div>
      <div>
        <dt>First event</dt>
        <dd>
          <TimeAgo time={stream.firstEventAt} />
          <span className="dd-hint">{formatDateTime(stream.firstEventAt)}</span>
        </dd>
      </div>
      <div>
        <dt>Last event</dt>
        <dd>
          <TimeAgo time={stream.lastEventAt} />
          <span className="dd-hint">{formatDateTime(stream.lastEventAt)}</span>
        </dd>
      </div>
    </dl>
  );
}
