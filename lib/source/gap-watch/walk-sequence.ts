/**
 * How far a reader may go along rows sorted by position without passing a gap that could
 * still fill: each row must follow the previous one, or every missing position before it must
 * be at or below `finalThrough` (proven dead by the liveness check). Returns how many leading
 * rows are safe and whether the walk stopped at a gap (a later row is visible beyond a hole).
 */
export function walkSequence(after: number, positions: readonly number[], finalThrough: number | null): { taken: number; blocked: boolean } {
  let prev = after;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    const contiguous = p === prev + 1;
    const skipsOnlyDeadGaps = finalThrough !== null && p - 1 <= finalThrough;
    if (!contiguous && !skipsOnlyDeadGaps) return { taken: i, blocked: true };
    prev = p;
  }
  return { taken: positions.length, blocked: false };
}
