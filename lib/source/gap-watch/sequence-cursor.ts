import { AppError } from "../../errors";
import { cursorBody } from "../contract";

/**
 * A gap in a plain sequence as the reader first saw it: at server time `seenAt` (epoch
 * microseconds, read after the snapshot that showed the gap), every missing position up to
 * `ceiling` (the highest committed position then) had already been handed out.
 */
export type GapObservation = { seenAt: bigint; ceiling: number };

/** Where a sequence-ordered source's reader stands: the last position read, and the gap it is waiting on. */
export type SequenceCursor = { position: number; gap: GapObservation | null };

export const SEQUENCE_START: SequenceCursor = { position: 0, gap: null };

/** `<prefix><position>` or `<prefix><position>:<seenAt>:<ceiling>`: the gap travels with the cursor, so a restart or another process keeps its clock. */
export function encodeSequenceCursor(prefix: string, c: SequenceCursor): string {
  const gap = c.gap && c.gap.ceiling > c.position ? `:${c.gap.seenAt}:${c.gap.ceiling}` : "";
  return `${prefix}${c.position}${gap}`;
}

export function decodeSequenceCursor(prefix: string, cursor: string): SequenceCursor {
  const m = /^(\d{1,16})(?::(\d{1,19}):(\d{1,16}))?$/.exec(cursorBody(cursor, prefix));
  if (!m || Number(m[1]) > Number.MAX_SAFE_INTEGER || (m[3] !== undefined && Number(m[3]) > Number.MAX_SAFE_INTEGER)) {
    throw new AppError("invalid_cursor", `the cursor is not a ${prefix} cursor this source handed out`, { field: "after" });
  }
  const position = Number(m[1]);
  const gap = m[2] !== undefined && Number(m[3]) > position ? { seenAt: BigInt(m[2]), ceiling: Number(m[3]) } : null;
  return { position, gap };
}
