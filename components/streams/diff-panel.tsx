"use client";

import { Panel } from "@/components/ui/panel";
import { formatInteger } from "@/lib/format";
import { useStreamDiff } from "@/lib/stream-page/use-stream-diff";
import { DiffChanges } from "./diff-changes";

export type DiffPanelProps = { streamId: string; from: number; to: number; onJump: (v: number) => void };

/** What changed between two versions: field by field, then the events that made the changes. */
export function DiffPanel({ streamId, from, to, onJump }: DiffPanelProps) {
  const { data, error, isPending } = useStreamDiff(streamId, from, to);
  return (
    <Panel
      title={`Changes from version ${formatInteger(from)} to ${formatInteger(to)}`}
      subtitle={data ? `${formatInteger(data.changes.length)} field changes · ${formatInteger(data.eventCount)} events in between` : "Loading…"}
      className="tm-diff"
    >
      {error ? (
        <p className="row-message" role="alert">
          Could not compare: {error.message}
        </p>
      ) : isPending || !data ? (
        <div className="skeleton skeleton-rows" style={{ height: 80 }} />
      ) : (
        <>
          <DiffChanges changes={data.changes} />
          <h3 className="payload-heading">Events in between</h3>
          <ol className="tm-between">
            {data.events.map((e) => (
              <li key={e.eventId}>
                <button type="button" className="subtle-link" onClick={() => onJump(e.streamVersion)}>
                  <span className="mono">v{formatInteger(e.streamVersion)}</span> {e.type}
                </button>
              </li>
            ))}
          </ol>
          {data.next !== null ? (
            <p className="muted">
              {formatInteger(data.eventCount - data.events.length)} more events follow from version {formatInteger(data.next)}; move the cursor to read them.
            </p>
          ) : null}
        </>
      )}
    </Panel>
  );
}
