import "server-only";
import type pg from "pg";

/** What a hook is told once the subject's key is destroyed and its snapshots purged. */
export type AfterErasureContext = {
  db: pg.Pool;
  requestId: string;
  subjectId: string;
  /** The streams holding the subject's events (for refreshing rows keyed by stream). */
  streamIds: string[];
};

/**
 * Work to do after a subject's key is destroyed: refresh projection rows derived from the
 * subject's events, and so on. Each hook must be idempotent (the execution job can run twice)
 * and returns a one-line summary that the request's execution record and certificate show.
 */
export type AfterErasureHook = { name: string; run(ctx: AfterErasureContext): Promise<string> };

/**
 * The hooks the erasure execution job runs, in order. The projections feature adds its
 * "refresh the subject's projection rows" hook here; nothing else in the workflow changes.
 */
export const AFTER_ERASURE_HOOKS: AfterErasureHook[] = [];
