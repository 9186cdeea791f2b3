"use client";

import { formatDateTime, formatInteger } from "@/lib/format";
import { describeDepth } from "@/lib/stream-page/describe-depth";
import { pageOfVersion, useEventPages } from "@/lib/stream-page/use-event-pages";
import { useStoredEvent } from "@/lib/stream-page/use-stored-event";
import { EventLinks } from "./event-links";
import { JsonView } from "./json-view";

export type EventDrawerProps = {
  streamId: string;
  /** The version of the event shown (the URL's ?event=). */
  version: number;
  /** Opens another event of this stream (moves the cursor there too). */
  onOpen: (v: number) => void;
  onCompare: (v: number | null) => void;
  onClose: () => void;
};

/** One event: stored and upcast payloads side by side, the upcasters that ran, metadata, and links to its cause, effects and correlation. */
export function EventDrawer({ streamId, version, onOpen, onCompare, onClose }: EventDrawerProps) {
  const { byVersion, error } = useEventPages(streamId, [pageOfVersion(version)]);
  const stored = useStoredEvent(streamId, version);
  const event = byVersion.get(version);
  if (!event) {
    return (
      <aside className="panel tm-drawer" aria-label="Event details" aria-busy={!error}>
        <div className="panel-body">{error ? `Could not load event ${formatInteger(version)}: ${error.message}` : `Loading event ${formatInteger(version)}…`}</div>
      </aside>
    );
  }

  return (
    <aside className="panel tm-drawer" aria-labelledby="tm-drawer-title" onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <div className="panel-header">
        <div>
          <h2 id="tm-drawer-title" className="panel-title">
            Event {formatInteger(event.streamVersion)}: <span className="mono">{event.type}</span>
          </h2>
          <p className="panel-subtitle mono">
            {event.eventId} · {formatDateTime(event.recordedAt, { micro: true })} · position {formatInteger(event.globalPosition)}
          </p>
        </div>
        <div className="panel-action tm-drawer-actions">
          <button type="button" className="button button-small" onClick={() => onCompare(event.streamVersion)}>
            Compare with this event
          </button>
          <button type="button" className="button button-small" onClick={onClose} aria-label="Close the event details">
            Close
          </button>
        </div>
      </div>
      <div className="panel-body">
        <dl className="facts">
          <div>
            <dt>Schema</dt>
            <dd>
              stored v{event.storedSchemaVersion}, read as v{event.schemaVersion}
            </dd>
          </div>
          <div>
            <dt>Causation depth</dt>
            <dd data-testid="drawer-depth">{describeDepth(event.causationDepth, event.metadata)}</dd>
          </div>
          <EventLinks event={event} onOpen={onOpen} />
        </dl>
        <h3 className="payload-heading">Upcasters that ran</h3>
        {event.upcasters.length === 0 ? (
          <p className="muted">None: the event is stored at the latest schema version{event.registered ? "" : " (its type is unregistered)"}.</p>
        ) : (
          <ol className="tm-upcasters">
            {event.upcasters.map((u) => (
              <li key={u.from}>
                <strong>
                  v{u.from}→v{u.to}
                </strong>{" "}
                {u.note}
              </li>
            ))}
          </ol>
        )}
        <div className="payload-grid">
          <div>
            <h3 className="payload-heading">Stored (v{event.storedSchemaVersion})</h3>
            {stored.data ? <JsonView value={stored.data.data} label="Stored payload" /> : <p className="muted">{stored.error ? stored.error.message : "Loading…"}</p>}
          </div>
          <div>
            <h3 className="payload-heading">Upcast (v{event.schemaVersion})</h3>
            <JsonView value={event.data} label="Upcast payload" />
          </div>
        </div>
        <h3 className="payload-heading">Metadata</h3>
        <JsonView value={event.metadata} label="Metadata" />
      </div>
    </aside>
  );
}
