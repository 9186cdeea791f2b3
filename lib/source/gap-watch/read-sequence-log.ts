import type pg from "pg";
import { gapIsFinal, type GapLivenessOptions } from "./gap-liveness";
import type { SequenceCursor } from "./sequence-cursor";
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
export async function readSequenceLog<E>(pool: pg.Pool, fetch: SequenceFetch<E>, cursor: SequenceCursor, limit: number, liveness: GapLivenessOptions): Promise<SequenceLogPage<E>> {
  // Liveness first, then the read: the read's snapshot then sees whatever a finished holder committed.
  const finalThrough = cursor.gap && (await gapIsFinal(pool, cursor.gap.seenAt, liveness)) ? cursor.gap.ceiling : null;
  const { rows, maxPosition, seenAt } = await fetch(cursor.position, limit);
  const { taken, blocked } = walkSequence(cursor.position, rows.map((r) => r.position), finalThrough);
  const safe = rows.slice(0, taken);
  const position = safe.length ? safe[safe.length - 1].position : cursor.position;

  let gap = cursor.gap && cursor.gap.ceiling > position ? cursor.gap : null;
  // A gap above the ceiling of the one we hold (or a first gap) starts its own clock now.
  if (blocked && (!gap || position + 1 > gap.ceiling)) gap = { seenAt, ceiling: maxPosition };
  const events = safe.flatMap((r) => (r.event === null ? [] : [r.event]));
  return { events, cursor: { position, gap }, caughtUp: blocked || rows.length < limit };
}
