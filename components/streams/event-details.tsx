import { formatDateTime, formatInteger } from "@/lib/format";
import type { EventView } from "@/lib/store/event-view";
import { JsonView } from "./json-view";

/** Everything about one event that does not fit its row: ids, versions, and the payload as JSON. */
export function EventDetails({ event }: { event: EventView }) {
  return (
    <div className="event-details">
      <dl className="facts">
        <div>
          <dt>Event id</dt>
          <dd className="mono">{event.eventId}</dd>
        </div>
        <div>
          <dt>Global position</dt>
          <dd className="mono">{formatInteger(event.globalPosition)}</dd>
        </div>
        <div>
          <dt>Schema version</dt>
          <dd>
            v{event.schemaVersion}
            {event.storedSchemaVersion !== event.schemaVersion ? ` (stored as v${event.storedSchemaVersion})` : ""}
          </dd>
        </div>
        <div>
          <dt>Causation depth</dt>
          <dd>{formatInteger(event.causationDepth)}</dd>
        </div>
        <div>
          <dt>Recorded</dt>
          <dd className="mono">{formatDateTime(event.recordedAt, { micro: true })}</dd>
        </div>
        <div>
          <dt>Correlation id</dt>
          <dd className="mono">{event.correlationId ?? "—"}</dd>
        </div>
        <div>
          <dt>Causation id</dt>
          <dd className="mono">{event.causationId ?? "—"}</dd>
        </div>
      </dl>
      {event.upcasters.length > 0 ? (
        <p className="upcast-note">
          Upcast on read:{" "}
          {event.upcasters.map((u) => `v${u.from}→v${u.to} (${u.note})`).join("; ")}
        </p>
      ) : null}
      <div className="payload-grid">
        <div>
          <h3 className="payload-heading">data</h3>
          <JsonView value={event.data} label={`Data of version ${event.streamVersion}`} />
        </div>
        <div>
          <h3 className="payload-heading">metadata</h3>
          <JsonView value={event.metadata} label={`Metadata of version ${event.streamVersion}`} />
        </div>
      </div>
    </div>
  );
}
