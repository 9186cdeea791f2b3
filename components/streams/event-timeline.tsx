"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { formatDateTime, formatInteger } from "@/lib/format";
import { useDebouncedValue } from "@/lib/stream-page/use-debounced-value";
import { pageOfVersion, useEventPages } from "@/lib/stream-page/use-event-pages";
import type { EventView } from "@/lib/stream-page/types";

const ROW_HEIGHT = 34;
const MAX_HEIGHT = 520;
const OVERSCAN = 6;
// One formatter for every row: a fling brings dozens of new rows a frame.
const VERSION_FORMAT = new Intl.NumberFormat("en-US");
// PgUp/PgDn move this many events: about one screenful of the list.
const KEY_PAGE = 15;

export type EventTimelineProps = {
  streamId: string;
  version: number;
  cursor: number;
  compare: number | null;
  onCursor: (v: number) => void;
  /** Moves the cursor to an event and opens it in the drawer. */
  onOpen: (v: number) => void;
  onCompare: (v: number | null) => void;
  /** Versions with a snapshot the reads use (badged in the list). */
  snapshots: number[];
};

/**
 * Every event of the stream as one virtualised list (only the rows on screen exist in the DOM, and
 * only their pages are fetched), so 100 000 events scroll as smoothly as 10. The list is one
 * focusable region driven by the keyboard; clicking a row (or Enter) opens the event, shift+click compares.
 */
export function EventTimeline({ streamId, version, cursor, compare, onCursor, onOpen, onCompare, snapshots }: EventTimelineProps) {
  const snapshotSet = useMemo(() => new Set(snapshots), [snapshots]);
  const id = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const height = Math.min(MAX_HEIGHT, Math.max(version, 1) * ROW_HEIGHT + 2);
  // The server renders the rows around the cursor (their page comes with the HTML), so the list
  // opens scrolled there: the element is put at that offset before the virtualiser first reads it.
  const [initialOffset] = useState(() => Math.max(0, Math.min((cursor - 1) * ROW_HEIGHT - (height - ROW_HEIGHT) / 2, version * ROW_HEIGHT - height)));
  useLayoutEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = initialOffset;
  }, [initialOffset]);
  // The virtualiser keeps its own measurements and re-renders on scroll; the compiler cannot memoise around it, and need not.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: version,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    initialOffset,
    initialRect: { width: 0, height },
  });
  const items = virtualizer.getVirtualItems();
  // Rows are keyed by slot (index modulo the most rows ever on screen), so a row scrolled in takes
  // over the DOM of the one scrolled out: a fling updates text instead of building new elements.
  // (Never fewer slots than rows: keys must stay unique even if the list ever renders one more.)
  const slots = Math.max(Math.ceil(height / ROW_HEIGHT) + 1 + 2 * OVERSCAN, items.length);
  const firstPage = pageOfVersion((items[0]?.index ?? 0) + 1);
  const lastPage = pageOfVersion((items[items.length - 1]?.index ?? 0) + 1);
  // A new array only when the pages on screen change, not on every scrolled pixel.
  const pages = useMemo(() => (firstPage === lastPage ? [firstPage] : [firstPage, lastPage]), [firstPage, lastPage]);
  // Pages a fling passes in a blink are not fetched: only those still on screen 100 ms later (cached ones show at once).
  const settledPages = useDebouncedValue(pages, 100);
  const { byVersion, error } = useEventPages(streamId, pages, settledPages);

  // Keep the cursor's row in view however it moved (keys, slider, time, URL).
  useEffect(() => {
    if (cursor > 0) virtualizer.scrollToIndex(cursor - 1, { align: "auto" });
  }, [cursor, virtualizer]);

  // Stable across renders, so rows that did not change are not re-rendered while scrolling.
  const handlers = useRef({ onOpen, onCompare });
  useEffect(() => {
    handlers.current = { onOpen, onCompare };
  });
  const [pick] = useState(() => (v: number, compareWith: boolean) => (compareWith ? handlers.current.onCompare(v) : handlers.current.onOpen(v)));

  function onKeyDown(e: React.KeyboardEvent) {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, PageDown: KEY_PAGE, PageUp: -KEY_PAGE };
    if (e.key in moves) onCursor(cursor + moves[e.key]);
    else if (e.key === "Home") onCursor(0);
    else if (e.key === "End") onCursor(version);
    else if (e.key === "Enter" && cursor > 0) onOpen(cursor);
    else return;
    e.preventDefault();
  }

  return (
    <section className="panel tm-timeline" aria-labelledby={`${id}-title`}>
      <div className="panel-header">
        <div>
          <h2 id={`${id}-title`} className="panel-title">Timeline</h2>
          <p id={`${id}-help`} className="panel-subtitle">
            {formatInteger(version)} events. Focus the list, then ←/→ move one event, PgUp/PgDn {KEY_PAGE}, Home/End the ends, Enter opens the event. Shift+click an event to compare with it.
          </p>
        </div>
      </div>
      {error ? <p className="row-message" role="alert">Could not load events: {error.message}</p> : null}
      <div
        ref={scrollRef}
        className="tm-scroll"
        // A short stream gets a short list; a long one scrolls inside a fixed window.
        style={{ height }}
        tabIndex={0}
        role="listbox"
        aria-label="Events of this stream"
        aria-describedby={`${id}-help`}
        aria-activedescendant={cursor > 0 ? `${id}-v${cursor}` : undefined}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const v = item.index + 1;
            const inRange = compare !== null && v > Math.min(compare, cursor) && v <= Math.max(compare, cursor);
            return (
              <TimelineRow
                key={item.index % slots}
                listId={id}
                version={v}
                start={item.start}
                event={byVersion.get(v)}
                state={`${v === cursor ? " is-cursor" : ""}${v === compare ? " is-compare" : ""}${inRange ? " in-range" : ""}`}
                snapshot={snapshotSet.has(v)}
                onPick={pick}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}

type TimelineRowProps = {
  listId: string;
  version: number;
  start: number;
  event: EventView | undefined;
  /** " is-cursor", " is-compare", " in-range" as they apply. */
  state: string;
  snapshot: boolean;
  onPick: (v: number, compare: boolean) => void;
};

/** One event of the list; memoised, since scrolling re-renders the list every frame. */
const TimelineRow = memo(function TimelineRow({ listId, version: v, start, event: e, state, snapshot, onPick }: TimelineRowProps) {
  const when = e ? formatDateTime(e.recordedAt) : "";
  return (
    <div
      id={`${listId}-v${v}`}
      role="option"
      aria-selected={state.includes("is-cursor")}
      data-version={v}
      className={`tm-row${state}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
      onClick={(ev) => onPick(v, ev.shiftKey)}
    >
      <span className="tm-version mono">{VERSION_FORMAT.format(v)}</span>
      <span className="tm-type" title={e?.type}>
        {e ? e.type : <span className="skeleton tm-skeleton" />}
        {state.includes("is-compare") ? <span className="visually-hidden"> (compare point)</span> : null}
      </span>
      <span className="tm-badges">{e ? <RowBadges event={e} snapshot={snapshot} /> : null}</span>
      {/* Date over time: half the width of one line, so badges never push it out of the row. */}
      <span className="tm-when mono muted" title={when}>
        <span>{when.slice(0, 10)}</span>
        <span>{when.slice(11, 19)}</span>
      </span>
    </div>
  );
});

/** The marks of one row: upcast on read, carries personal data, a snapshot was taken after it. */
function RowBadges({ event, snapshot }: { event: EventView; snapshot: boolean }) {
  return (
    <>
      {event.storedSchemaVersion !== event.schemaVersion ? (
        <span className="badge badge-info" title={`Stored as v${event.storedSchemaVersion}, read as v${event.schemaVersion} (upcast)`}>
          v{event.storedSchemaVersion}→v{event.schemaVersion}
        </span>
      ) : null}
      {event.hasPii ? (
        <span className="badge badge-warning" title="Carries personal data (shown masked or in clear by your role)">
          PII
        </span>
      ) : null}
      {snapshot ? (
        <span className="badge badge-success" title="A snapshot of the state after this event: reads fold from here">
          snapshot
        </span>
      ) : null}
    </>
  );
}
