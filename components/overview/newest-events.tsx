import { Truncate } from "@/components/ui/truncate";
import { DataTable } from "@/components/ui/data-table";
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
      <DataTable label="Newest events">
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
              <td className="cell-strong">
                <Truncate text={e.type} width="short" />
              </td>
              <td className="cell-stream">
                <Truncate text={e.streamId} width="id" className="before-version">
                  <Link href={streamHref(e.streamId)} className="mono">
                    {e.streamId}
                  </Link>
                </Truncate>
                <span className="muted"> v{formatInteger(e.streamVersion)}</span>
              </td>
              <td className="num nowrap">
                <TimeAgo time={e.recordedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Panel>
  );
}
