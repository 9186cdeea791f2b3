"use client";

import { useCallback, useEffect, useState } from "react";
import { useDebouncedValue } from "@/lib/time-machine/use-debounced-value";
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
  /** From the URL (?v=, ?cmp=), so a pasted link opens the same view. */
  initialCursor: number;
  initialCompare: number | null;
};

/**
 * The stream page's time machine: a cursor over the stream's versions (0 = before the first
 * event), the state there, an optional second point to diff against and the event at the cursor.
 * The URL holds both points, replaced (not pushed) so moving the cursor does not flood history.
 */
export function TimeMachine({ streamId, version, firstEventAt, lastEventAt, initialCursor, initialCompare }: TimeMachineProps) {
  const [cursor, setCursorState] = useState(initialCursor);
  const [compare, setCompare] = useState<number | null>(initialCompare);
  const setCursor = useCallback((v: number) => setCursorState(Math.min(Math.max(v, 0), version)), [version]);

  // The timeline follows the cursor at once; state and diff are folded once it settles.
  const settled = useDebouncedValue(cursor, 150);

  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.set("v", String(cursor));
    if (compare === null) url.searchParams.delete("cmp");
    else url.searchParams.set("cmp", String(compare));
    window.history.replaceState(window.history.state, "", url);
  }, [cursor, compare]);

  return (
    <div className="time-machine">
      <CursorControls
        streamId={streamId}
        version={version}
        cursor={cursor}
        compare={compare}
        firstEventAt={firstEventAt}
        lastEventAt={lastEventAt}
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
          onCompare={setCompare}
        />
        <div className="tm-side">
          {compare !== null && compare !== settled ? (
            <DiffPanel streamId={streamId} from={Math.min(compare, settled)} to={Math.max(compare, settled)} onJump={setCursor} />
          ) : null}
          <StatePanel streamId={streamId} version={settled} />
        </div>
      </div>
      <EventDrawer streamId={streamId} version={settled} onJump={setCursor} onCompare={setCompare} />
    </div>
  );
}
