"use client";

import { formatInteger } from "@/lib/format";

export type CauseLinkProps = { causationId: string | null; sameStreamVersion?: number; onJump: (v: number) => void };

/**
 * An event's cause: a jump when it is an event of this stream (found among the loaded pages),
 * otherwise the id, which may name a command or an event of another stream.
 */
export function CauseLink({ causationId, sameStreamVersion, onJump }: CauseLinkProps) {
  if (!causationId) return <>— (no cause recorded)</>;
  if (sameStreamVersion !== undefined) {
    return (
      <button type="button" className="subtle-link" onClick={() => onJump(sameStreamVersion)} title={causationId}>
        version {formatInteger(sameStreamVersion)} of this stream
      </button>
    );
  }
  return <span title="A command or an event of another stream">{causationId}</span>;
}
