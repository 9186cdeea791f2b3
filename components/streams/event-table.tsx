import { Badge } from "@/components/ui/badge";
import { formatDateTime, formatInteger, shortId } from "@/lib/format";
import type { EventView } from "@/lib/store/event-view";
import { EventDetails } from "./event-details";
import { jsonPreview } from "./json-view";

/** A page of one stream's events: one row each, with the payload in an expandable row under it. */
export function EventTable({ events }: { events: EventView[] }) {
  // A cause on the same page becomes a link to its row (#v<version>).
  const versionOf = new Map(events.map((e) => [e.eventId, e.streamVersion]));
  return (
    <table className="table event-table">
      <thead>
        <tr>
          <th scope="col" className="num">
            Version
          </th>
          <th scope="col">Type</th>
          <th scope="col">Recorded (UTC)</th>
          <th scope="col">Correlation</th>
          <th scope="col">Causation</th>
        </tr>
      </thead>
      {events.map((e) => (
        // One tbody per event keeps the event row and its payload row together.
        <tbody key={e.eventId} id={`v${e.streamVersion}`} className="event">
          <tr className="event-row">
            <td className="num mono">{formatInteger(e.streamVersion)}</td>
            <td>
              <span className="cell-type">{e.type}</span>
              <EventBadges event={e} />
            </td>
            <td className="mono nowrap">
              <time dateTime={e.recordedAt} title={formatDateTime(e.recordedAt, { micro: true })}>
                {formatDateTime(e.recordedAt).replace(" UTC", "")}
              </time>
            </td>
            <td className="mono">
              <IdCell id={e.correlationId} label="Correlation id" />
            </td>
            <td className="mono">
              <IdCell id={e.causationId} label="Causation id" anchorVersion={e.causationId ? versionOf.get(e.causationId) : undefined} />
            </td>
          </tr>
          <tr className="payload-row">
            <td colSpan={5}>
              <details>
                <summary>
                  <span className="summary-label">Payload</span>
                  <span className="payload-preview mono">{jsonPreview(e.data)}</span>
                </summary>
                <EventDetails event={e} />
              </details>
            </td>
          </tr>
        </tbody>
      ))}
    </table>
  );
}

function EventBadges({ event }: { event: EventView }) {
  const upcast = event.storedSchemaVersion !== event.schemaVersion;
  return (
    <>
      {!event.registered ? (
        <Badge tone="warning" title="This type is not in the event-type registry: its payload is shown as stored">
          unregistered
        </Badge>
      ) : null}
      {upcast ? (
        <Badge tone="info" title={event.upcasters.map((u) => `v${u.from}→v${u.to}: ${u.note}`).join("\n") || "Upcast on read"}>
          v{event.storedSchemaVersion}→v{event.schemaVersion} upcast
        </Badge>
      ) : null}
    </>
  );
}

function IdCell({ id, label, anchorVersion }: { id: string | null; label: string; anchorVersion?: number }) {
  if (!id) return <span className="muted">—</span>;
  if (anchorVersion !== undefined) {
    return (
      <a href={`#v${anchorVersion}`} title={`${label}: ${id} (version ${anchorVersion} of this stream)`}>
        {shortId(id)}
      </a>
    );
  }
  return (
    <span title={`${label}: ${id}`} className="id-short">
      {shortId(id)}
    </span>
  );
}
