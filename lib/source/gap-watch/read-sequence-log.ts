import type pg from "pg";
import { gapIsFinal, type GapLivenessOptions } from "./gap-liveness";
import type { GapObservation, SequenceCursor } from "./sequence-cursor";
import { walkSequence } from "./walk-sequence";

/** A row of a sequence-ordered log: every row holds its position; rows that are no event (Marten's tombstones) carry none. */
export type SequenceRow<E> = { position: number; event: E | null };

/** Rows after a position in position order, with the highest committed position and the server time (SEEN_AT_SQL) from the same statement. */
export type SequenceFetch<E> = (after: number, limit: number) => Promise<{ rows: SequenceRow<E>[]; maxPosition: number; seenAt: bigint }>;

export type SequenceLogPage<E> = { events: E[]; cursor: SequenceCursor; caughtUp: boolean };

/**
 * Reads a log ordered by a plain sequence (no transaction id), never passing a position that
 * could still commit: it stops before the first gap, remembers when it first saw that gap, and
 * crosses it only once gapIsFinal proves no transaction open at that moment is still open.
 */
export async function readSequenceLog<E>(pool: pg.Pool, fetch: SequenceFetch<E>, cursor: SequenceCursor, limit: number, liveness: GapLivenessOptions, sightings?: GapSightings): Promise<SequenceLogPage<E>> {
  // The cursor's sighting, or this process's own of the hole right after it (for callers that keep no cursor from empty pages).
  const known = cursor.gap ?? sightings?.recall(cursor.position + 1) ?? null;
  // Liveness first, then the read: the read's snapshot then sees whatever a finished holder committed.
  const finalThrough = known && (await gapIsFinal(pool, known.seenAt, liveness)) ? known.ceiling : null;
  const { rows, maxPosition, seenAt } = await fetch(cursor.position, limit);
  const { taken, blocked } = walkSequence(cursor.position, rows.map((r) => r.position), finalThrough);
  const safe = rows.slice(0, taken);
  const position = safe.length ? safe[safe.length - 1].position : cursor.position;

  let gap = known && known.ceiling > position ? known : null;
  // A gap above the ceiling of the one we hold (or a first gap) starts its own clock now, unless
  // this process saw the same hole earlier (a caller that dropped an empty page's cursor). Only
  // sightings made here are remembered: a cursor's could be forged, and must steer no other reader.
  if (blocked && (!gap || position + 1 > gap.ceiling)) {
    gap = sightings?.recall(position + 1) ?? { seenAt, ceiling: maxPosition };
    sightings?.remember(position + 1, gap);
  }
  const events = safe.flatMap((r) => (r.event === null ? [] : [r.event]));
  return { events, cursor: { position, gap }, caughtUp: blocked || rows.length < limit };
}

/**
 * The first sighting of each hole this process met, by the hole's position: a fact about the
 * store, not about a caller, so any reader may start from it; the cursor remains the durable copy.
 */
export class GapSightings {
  private readonly byHole = new Map<number, GapObservation>();

  recall(hole: number): GapObservation | undefined {
    return this.byHole.get(hole);
  }

  remember(hole: number, gap: GapObservation): void {
    if (this.byHole.has(hole)) return;
    this.byHole.set(hole, gap);
    // A handful of holes are ever waited on at once; the oldest sightings go first.
    if (this.byHole.size > 64) this.byHole.delete(this.byHole.keys().next().value!);
  }
}
