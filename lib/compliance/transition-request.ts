import "server-only";
import type pg from "pg";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { lockErasureRequest, REQUEST_COLUMNS, toRequest, type ErasureRequest, type RequestRow } from "./erasure-request";
import { canMove, STATE_LABELS, type ErasureState } from "./erasure-states";

export type TransitionOptions = {
  id: string;
  to: ErasureState;
  actor: Actor;
  /** Column updates made with the move ({column: value}); the SQL names come from this file's callers only. */
  set?: Record<string, unknown>;
  /** Audit details (never plaintext known values). */
  details?: Record<string, unknown>;
  /** Refuse unless the request is in one of these states (default: any state that may move to `to`). */
  from?: readonly ErasureState[];
};

/**
 * Moves a request to another state inside `client`'s transaction: locks the row, checks the move
 * is allowed, writes the columns, appends to its history and writes the audit entry, so a state
 * change and its record commit together.
 */
export async function transitionRequest(client: pg.ClientBase, opts: TransitionOptions): Promise<ErasureRequest> {
  const current = await lockErasureRequest(client, opts.id);
  if ((opts.from && !opts.from.includes(current.status)) || !canMove(current.status, opts.to)) {
    throw new AppError("conflict", `the request is ${STATE_LABELS[current.status].toLowerCase()}: it cannot become ${STATE_LABELS[opts.to].toLowerCase()}`, {
      status: current.status,
      wanted: opts.to,
    });
  }
  const set = opts.set ?? {};
  const columns = Object.keys(set);
  const assignments = columns.map((c, i) => `${c} = $${i + 5}`);
  const { rows } = await client.query<RequestRow>(
    `UPDATE erasure_requests SET status = $2, updated_at = now(),
        history = history || jsonb_build_array(jsonb_build_object('at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'from', $3::text, 'to', $2::text, 'by', $4::text))
        ${assignments.length ? `, ${assignments.join(", ")}` : ""}
      WHERE id = $1 RETURNING ${REQUEST_COLUMNS}`,
    [opts.id, opts.to, current.status, opts.actor.label, ...columns.map((c) => set[c])],
  );
  await appendAudit(client, {
    actor: opts.actor,
    action: `erasure.${opts.to}`,
    target: `erasure-request:${opts.id}`,
    details: { requestId: opts.id, subjectId: current.subjectId, from: current.status, to: opts.to, ...opts.details },
  });
  return toRequest(rows[0]);
}
