"use client";

import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { resolveParkedAction } from "@/lib/projections/projection-actions";
import type { VersionView } from "@/lib/projections/projection-views";
import { ActionForm } from "./action-form";

/** A version parked on an event: the event, the error, and retry / skip. */
export function ParkedEvent({ name, version, canRebuild }: { name: string; version: VersionView; canRebuild: boolean }) {
  const parked = version.parked!;
  return (
    <div className="parked-event" role="alert">
      <p>
        <strong>v{version.codeVersion} (#{version.id}) stopped</strong> on{" "}
        <Link href={`/events/${parked.eventId}`} className="mono">
          {parked.type ?? "event"} {parked.eventId}
        </Link>
        {parked.streamId ? <> in <span className="mono">{parked.streamId}</span></> : null} at {formatDateTime(parked.at)}.
      </p>
      <pre className="parked-error">{parked.error}</pre>
      {canRebuild ? (
        <div className="button-row">
          <ActionForm action={resolveParkedAction} projection={name} fields={{ name, versionId: version.id, op: "retry" }} label="Retry the event" />
          <ActionForm action={resolveParkedAction} projection={name} fields={{ name, versionId: version.id, op: "skip" }} label="Skip it" tone="danger" confirm="Skip this event for this version? Its effect will be missing from the rows; the skip is audited." />
        </div>
      ) : null}
      {version.skippedEvents.length ? <p className="muted small">Skipped before: {version.skippedEvents.length} event(s).</p> : null}
    </div>
  );
}
