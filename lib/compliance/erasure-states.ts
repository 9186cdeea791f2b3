// The states of an erasure request (DESIGN.md "Erasure and legal holds") and the moves between
// them. Plain data with no server imports: the UI labels and colours states from here too.

export const ERASURE_STATES = [
  "received",
  "discovering",
  "awaiting_approval",
  "blocked_by_hold",
  "approved",
  "executing",
  "verifying",
  "completed",
  "rejected",
  "failed",
] as const;

export type ErasureState = (typeof ERASURE_STATES)[number];

/** Where each state may go next. A failed execution or verification can be retried from approved. */
export const TRANSITIONS: Record<ErasureState, readonly ErasureState[]> = {
  received: ["discovering", "rejected"],
  discovering: ["awaiting_approval", "blocked_by_hold", "failed"],
  awaiting_approval: ["approved", "rejected", "blocked_by_hold"],
  blocked_by_hold: ["awaiting_approval", "rejected"],
  approved: ["executing", "blocked_by_hold"],
  executing: ["verifying", "failed"],
  verifying: ["completed", "failed"],
  completed: [],
  rejected: [],
  failed: [],
};

export const OPEN_STATES: readonly ErasureState[] = ERASURE_STATES.filter((s) => TRANSITIONS[s].length > 0);

/**
 * Retries out of a closed state: a verification that failed because a source could not be read
 * (a missing segment) is run again once the source is back. Only from a failed verification.
 */
export const RETRIES: Partial<Record<ErasureState, readonly ErasureState[]>> = { failed: ["verifying"] };

export function canMove(from: ErasureState, to: ErasureState): boolean {
  return TRANSITIONS[from].includes(to) || (RETRIES[from] ?? []).includes(to);
}

export function isOpen(state: ErasureState): boolean {
  return OPEN_STATES.includes(state);
}

export const STATE_LABELS: Record<ErasureState, string> = {
  received: "Received",
  discovering: "Discovering",
  awaiting_approval: "Awaiting approval",
  blocked_by_hold: "Blocked by hold",
  approved: "Approved",
  executing: "Executing",
  verifying: "Verifying",
  completed: "Completed",
  rejected: "Rejected",
  failed: "Failed",
};

export const STATE_TONES: Record<ErasureState, "neutral" | "info" | "warning" | "danger" | "success"> = {
  received: "neutral",
  discovering: "info",
  awaiting_approval: "warning",
  blocked_by_hold: "danger",
  approved: "info",
  executing: "info",
  verifying: "info",
  completed: "success",
  rejected: "neutral",
  failed: "danger",
};

/** Requests are due this many days after receipt (extendable with a recorded reason). */
export const DUE_DAYS = 30;

/** How urgent a due date is: overdue, within 7 days ("soon"), or neither. */
export function dueUrgency(dueAt: string, open: boolean, now: number = Date.now()): "overdue" | "soon" | null {
  if (!open) return null;
  const ms = Date.parse(dueAt) - now;
  return ms < 0 ? "overdue" : ms < 7 * 86_400_000 ? "soon" : null;
}
