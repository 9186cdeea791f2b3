"use client";

import { useQueryClient } from "@tanstack/react-query";
import { formatDateTime, formatInteger } from "@/lib/format";
import { pageOfVersion, useEventPages } from "@/lib/time-machine/use-event-pages";
import { useStoredEvent } from "@/lib/time-machine/use-stored-event";
import type { EventsPage } from "@/lib/time-machine/types";
import { CauseLink } from "./cause-link";
import { JsonView } from "./json-view";

export type EventDrawerProps = { streamId: string; version: number; onJump: (v: number) => void; onCompare: (v: number | null) => void };

/** The event at the cursor: stored and upcast payloads side by side, the upcasters that ran, metadata, cause and correlation. */
export function EventDrawer({ streamId, version, onJump, onCompare }: EventDrawerProps) {
  const { byVersion } = useEventPages(streamId, version > 0 ? [pageOfVersion(version)] : []);
  const stored = useStoredEvent(streamId, version);
  const client = useQueryClient();
  const event = byVersion.get(version);
  if (version === 0) return null;
  if (!event) return <aside className="panel tm-drawer" aria-label="Event details" aria-busy="true"><div className="panel-body">Loading event {formatInteger(version)}…</div></aside>;

  // The cause is often an earlier event of this stream: find it among the pages already loaded.
  const loaded = client.getQueriesData<EventsPage>({ queryKey: ["stream-events", streamId] }).flatMap(([, page]) => page?.events ?? []);
  const causeVersion = loaded.find((e) => e.eventId === event.causationId)?.streamVersion;

  return (
    <aside className="panel tm-drawer" aria-labelledby="tm-drawer-title">
      <div className="panel-header">
        <div>
          <h2 id="tm-drawer-title" className="panel-title">
            Event {formatInteger(event.streamVersion)}: <span className="mono">{event.type}</span>
          </h2>
          <p className="panel-subtitle mono">
            {event.eventId} · {formatDateTime(event.recordedAt, { micro: true })} · position {formatInteger(event.globalPosition)}
          </p>
        </div>
        <div className="panel-action">
          <button type="button" className="button button-small" onClick={() => onCompare(event.streamVersion)}>
            Compare with this event
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
            <dt>Correlation id</dt>
            <dd className="mono">{event.correlationId ?? "—"}</dd>
          </div>
          <div>
            <dt>Caused by</dt>
            <dd className="mono">
              <CauseLink causationId={event.causationId} sameStreamVersion={causeVersion} onJump={onJump} />
            </dd>
          </div>
          <div>
            <dt>Causation depth</dt>
            <dd>{formatInteger(event.causationDepth)}</dd>
          </div>
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
