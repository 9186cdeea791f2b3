import "server-only";
import type pg from "pg";
import { formatInteger } from "../format";
import { refreshSubjectRows } from "../projections/refresh-subject-rows";

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

/** Re-folds every projection row that held the subject's data, so no row keeps state folded from readable PII. */
const refreshProjectionRows: AfterErasureHook = {
  name: "refresh projection rows",
  async run({ subjectId }) {
    const r = await refreshSubjectRows({ subjectId });
    return `projection rows refreshed: ${formatInteger(r.keys)} key(s) in ${formatInteger(r.versions)} version(s)`;
  },
};

/** The hooks the erasure execution job runs, in order; a new kind of derived data adds its own here. */
export const AFTER_ERASURE_HOOKS: AfterErasureHook[] = [refreshProjectionRows];
