"use client";

import { useCallback, useEffect, useState } from "react";
import { useDebouncedValue } from "@/lib/stream-page/use-debounced-value";
import { CursorControls } from "./cursor-controls";
import { DiffPanel } from "./diff-panel";
import { EventDrawer } from "./event-drawer";
import { EventTimeline } from "./event-timeline";
import { StatePanel } from "./state-panel";

export type TimeMachineProps = {
  streamId: string;
  /** The stream's latest version when the page rendered: the cursor's upper bound. */
  version: number;
  firstEventAt: string | null;
  lastEventAt: string | null;
  /** From the URL (?v=, ?cmp=, ?event=), so a pasted link opens the same view. */
  initialCursor: number;
  initialCompare: number | null;
  initialEvent: number | null;
  /** A ?at= time from the link: the date field starts on it; an invalid one is reported there. */
  initialTime?: string | null;
  initialTimeError?: string | null;
  /** Versions with a snapshot the reads use. */
  snapshots: number[];
};

/**
 * The stream page's time machine: a cursor over the stream's versions (0 = before the first
 * event), the state there, an optional second point to diff against, and the event drawer. The
 * URL holds both points and the open event, replaced (not pushed) so moving the cursor does not
 * flood history; an open drawer follows the cursor.
 */
export function TimeMachine({ streamId, version, firstEventAt, lastEventAt, initialCursor, initialCompare, initialEvent, initialTime, initialTimeError, snapshots }: TimeMachineProps) {
  const [cursor, setCursorState] = useState(initialCursor);
  const [compare, setCompare] = useState<number | null>(initialCompare);
  const [drawer, setDrawer] = useState<number | null>(initialEvent);
  const setCursor = useCallback(
    (v: number) => {
      const next = Math.min(Math.max(v, 0), version);
      setCursorState(next);
      setDrawer((open) => (open === null ? null : next > 0 ? next : null));
    },
    [version],
  );
  const openEvent = useCallback(
    (v: number) => {
      setCursor(v);
      if (v >= 1 && v <= version) setDrawer(v);
    },
    [setCursor, version],
  );

  // The timeline follows the cursor at once; state, diff and drawer load once it settles.
  const settled = useDebouncedValue(cursor, 150);
  const settledDrawer = useDebouncedValue(drawer, 150);

  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.set("v", String(cursor));
    if (compare === null) url.searchParams.delete("cmp");
    else url.searchParams.set("cmp", String(compare));
    if (drawer === null) url.searchParams.delete("event");
    else url.searchParams.set("event", String(drawer));
    // ?at= was resolved to v= by the server; keeping both would make the link ambiguous.
    url.searchParams.delete("at");
    window.history.replaceState(window.history.state, "", url);
  }, [cursor, compare, drawer]);

  return (
    // Escape closes the drawer wherever focus is in the machine (the timeline keeps it while keys move the cursor).
    <div className="time-machine" onKeyDown={(e) => e.key === "Escape" && drawer !== null && setDrawer(null)}>
      <CursorControls
        streamId={streamId}
        version={version}
        cursor={cursor}
        compare={compare}
        firstEventAt={firstEventAt}
        lastEventAt={lastEventAt}
        initialTime={initialTime ?? null}
        initialTimeError={initialTimeError ?? null}
        onCursor={setCursor}
        onCompare={setCompare}
      />
      <div className="tm-grid">
        <EventTimeline
          streamId={streamId}
          version={version}
          cursor={cursor}
          compare={compare}
          onCursor={setCursor}
          onOpen={openEvent}
          onCompare={setCompare}
          snapshots={snapshots}
        />
        <div className="tm-side">
          {drawer !== null ? (
            <EventDrawer streamId={streamId} version={settledDrawer ?? drawer} onOpen={openEvent} onCompare={setCompare} onClose={() => setDrawer(null)} />
          ) : null}
          {compare !== null && compare !== settled ? (
            <DiffPanel streamId={streamId} from={Math.min(compare, settled)} to={Math.max(compare, settled)} onJump={setCursor} />
          ) : null}
          <StatePanel streamId={streamId} version={settled} />
        </div>
      </div>
    </div>
  );
}
