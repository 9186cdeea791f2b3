"use client";

import { Panel } from "@/components/ui/panel";
import { formatDateTime, formatInteger } from "@/lib/format";
import { useStreamState } from "@/lib/stream-page/use-stream-state";
import { JsonView } from "./json-view";

/** The stream's state as of the cursor, with how it was folded (snapshot or not, how many events). */
export function StatePanel({ streamId, version }: { streamId: string; version: number }) {
  const { data, error, isFetching } = useStreamState(streamId, version);
  const subtitle = data ? (
    <>
      {data.version === 0 ? "Before the first event" : `As of version ${formatInteger(data.version)}, ${formatDateTime(data.at)}`}
      {" · "}
      {data.fromSnapshotVersion !== null ? `folded from snapshot v${formatInteger(data.fromSnapshotVersion)}` : "no snapshot used"}
      {" · "}
      {formatInteger(data.eventsFolded)} {data.eventsFolded === 1 ? "event" : "events"} folded
    </>
  ) : (
    "Loading…"
  );
  return (
    <Panel title={`State at version ${formatInteger(version)}`} subtitle={subtitle} className="tm-state">
      <div aria-busy={isFetching} aria-live="polite">
        {error ? (
          <p className="row-message" role="alert">
            Could not fold the state: {error.message}
          </p>
        ) : data ? (
          <JsonView value={data.state} label={`State at version ${data.version}`} />
        ) : (
          <div className="skeleton skeleton-rows" style={{ height: 120 }} />
        )}
      </div>
    </Panel>
  );
}
