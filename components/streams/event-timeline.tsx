"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useId, useMemo, useRef } from "react";
import { formatDateTime, formatInteger } from "@/lib/format";
import { pageOfVersion, useEventPages } from "@/lib/time-machine/use-event-pages";

const ROW_HEIGHT = 34;
const MAX_HEIGHT = 520;
// PgUp/PgDn move this many events: about one screenful of the list.
const KEY_PAGE = 15;

export type EventTimelineProps = {
  streamId: string;
  version: number;
  cursor: number;
  compare: number | null;
  onCursor: (v: number) => void;
  onCompare: (v: number | null) => void;
};

/**
 * Every event of the stream as one virtualised list (only the rows on screen exist in the DOM, and
 * only their pages are fetched), so 100 000 events scroll as smoothly as 10. The list is one
 * focusable region driven by the keyboard; clicking a row moves the cursor, shift+click compares.
 */
export function EventTimeline({ streamId, version, cursor, compare, onCursor, onCompare }: EventTimelineProps) {
  const id = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualiser keeps its own measurements and re-renders on scroll; the compiler cannot memoise around it, and need not.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: version, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const pages = useMemo(() => {
    const set = new Set([pageOfVersion(first + 1), pageOfVersion(last + 1)]);
    return [...set];
  }, [first, last]);
  const { byVersion, error } = useEventPages(streamId, pages);

  // Keep the cursor's row in view however it moved (keys, slider, time, URL).
  useEffect(() => {
    if (cursor > 0) virtualizer.scrollToIndex(cursor - 1, { align: "auto" });
  }, [cursor, virtualizer]);

  function onKeyDown(e: React.KeyboardEvent) {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, PageDown: KEY_PAGE, PageUp: -KEY_PAGE };
    if (e.key in moves) onCursor(cursor + moves[e.key]);
    else if (e.key === "Home") onCursor(0);
    else if (e.key === "End") onCursor(version);
    else return;
    e.preventDefault();
  }

  return (
    <section className="panel tm-timeline" aria-labelledby={`${id}-title`}>
      <div className="panel-header">
        <div>
          <h2 id={`${id}-title`} className="panel-title">Timeline</h2>
          <p id={`${id}-help`} className="panel-subtitle">
            {formatInteger(version)} events. Focus the list, then ←/→ move one event, PgUp/PgDn {KEY_PAGE}, Home/End the ends. Shift+click an event to compare with it.
          </p>
        </div>
      </div>
      {error ? <p className="row-message" role="alert">Could not load events: {error.message}</p> : null}
      <div
        ref={scrollRef}
        className="tm-scroll"
        // A short stream gets a short list; a long one scrolls inside a fixed window.
        style={{ height: Math.min(MAX_HEIGHT, Math.max(version, 1) * ROW_HEIGHT + 2) }}
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
            const e = byVersion.get(v);
            const upcast = e && e.storedSchemaVersion !== e.schemaVersion;
            return (
              <div
                key={v}
                id={`${id}-v${v}`}
                role="option"
                aria-selected={v === cursor}
                data-version={v}
                className={`tm-row${v === cursor ? " is-cursor" : ""}${v === compare ? " is-compare" : ""}${compare !== null && v > Math.min(compare, cursor) && v <= Math.max(compare, cursor) ? " in-range" : ""}`}
                style={{ position: "absolute", top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={(ev) => (ev.shiftKey ? onCompare(v) : onCursor(v))}
              >
                <span className="tm-version mono">{formatInteger(v)}</span>
                <span className="tm-type">{e ? e.type : <span className="skeleton tm-skeleton" />}</span>
                {upcast ? <span className="badge badge-info">v{e.storedSchemaVersion}→v{e.schemaVersion}</span> : null}
                {v === compare ? <span className="badge badge-warning">compare</span> : null}
                <span className="tm-when mono muted">{e ? formatDateTime(e.recordedAt).replace(" UTC", "") : ""}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
