"use client";

import Link from "next/link";
import { formatInteger } from "@/lib/format";
import { DRAWER_EFFECTS, useEventLinks } from "@/lib/stream-page/use-event-links";
import type { EventRef, EventView } from "@/lib/stream-page/types";

export type EventLinksProps = { event: EventView; onOpen: (v: number) => void };

/**
 * The drawer's links out of one event: its cause, its effects (across streams, the first
 * DRAWER_EFFECTS listed and all counted) and the causation graph of its correlation. Rows of the drawer's facts list.
 */
export function EventLinks({ event, onOpen }: EventLinksProps) {
  const { data, error } = useEventLinks(event.eventId);
  const links = data?.eventId === event.eventId ? data : undefined;
  return (
    <>
      <div>
        <dt>Caused by</dt>
        <dd>
          {!event.causationId ? (
            "— (no cause recorded)"
          ) : links?.cause ? (
            <EventLink target={links.cause} streamId={event.streamId} onOpen={onOpen} />
          ) : links ? (
            <span title="No event in the store has this id: it names a command">
              command <span className="mono">{event.causationId}</span>
            </span>
          ) : (
            <span className="mono">{event.causationId}</span>
          )}
        </dd>
      </div>
      <div>
        <dt>Correlation</dt>
        <dd>
          {event.correlationId ? (
            <Link href={`/causation?correlation=${encodeURIComponent(event.correlationId)}`} title="The causation graph of this correlation">
              <span className="mono">{event.correlationId}</span>
            </Link>
          ) : (
            "—"
          )}
        </dd>
      </div>
      <div className="tm-effects">
        <dt>Effects{links ? ` (${formatInteger(links.effects.count)})` : ""}</dt>
        <dd>
          {error ? (
            <span role="alert">Could not look up effects: {error.message}</span>
          ) : !links ? (
            "Loading…"
          ) : links.effects.count === 0 ? (
            "None: no event names this one as its cause"
          ) : (
            <>
              <ul className="tm-effect-list">
                {links.effects.events.map((e) => (
                  <li key={e.eventId}>
                    <EventLink target={e} streamId={event.streamId} onOpen={onOpen} />
                  </li>
                ))}
              </ul>
              {links.effects.count > links.effects.events.length ? (
                <span className="muted">
                  and {formatInteger(links.effects.count - links.effects.events.length)} more (the first {DRAWER_EFFECTS} are listed)
                </span>
              ) : null}
            </>
          )}
        </dd>
      </div>
    </>
  );
}

type EventLinkProps = { target: EventRef; streamId: string; onOpen: (v: number) => void };

/**
 * A link to another event at its permanent address /events/<id>. Within this stream a plain click
 * moves the cursor in place (no reload); the address stays real for copying or a new tab.
 */
export function EventLink({ target, streamId, onOpen }: EventLinkProps) {
  const href = `/events/${target.eventId}`;
  if (target.streamId === streamId) {
    return (
      <a
        href={href}
        title={target.eventId}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
          e.preventDefault();
          onOpen(target.streamVersion);
        }}
      >
        version {formatInteger(target.streamVersion)} <span className="mono">{target.type}</span> (this stream)
      </a>
    );
  }
  return (
    <Link href={href} title={target.eventId}>
      <span className="mono">{target.type}</span> in <span className="mono">{target.streamId}</span> v{formatInteger(target.streamVersion)}
    </Link>
  );
}
