import Link from "next/link";
import { Panel } from "@/components/ui/panel";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatInteger } from "@/lib/format";
import type { PiiMode } from "@/lib/schema/pii";
import { getNewestEvents } from "@/lib/store/store-overview";
import { streamHref } from "@/components/streams/stream-href";

const LIMIT = 12;

/** The most recently recorded events, each linking to its stream. */
export async function NewestEvents({ pii }: { pii: PiiMode }) {
  const events = await getNewestEvents(LIMIT, pii);
  return (
    <Panel title="Newest events" subtitle={`The last ${LIMIT} recorded`} flush>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Stream</th>
            <th scope="col" className="num">
              Recorded
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.eventId}>
              <td className="cell-type">{e.type}</td>
              <td className="cell-stream">
                <Link href={streamHref(e.streamId)} className="mono truncate" title={e.streamId}>
                  {e.streamId}
                </Link>
                <span className="muted"> v{formatInteger(e.streamVersion)}</span>
              </td>
              <td className="num nowrap">
                <TimeAgo time={e.recordedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
