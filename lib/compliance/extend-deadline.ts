import "server-only";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { lockErasureRequest, requireErasureRequest, type ErasureRequest } from "./erasure-request";
import { isOpen } from "./erasure-states";

export type ExtendDeadlineOptions = { requestId: string; days: number; reason: string; actor: Actor };

/** Moves an open request's due date later by `days`, recording why (audited). */
export async function extendDeadline(opts: ExtendDeadlineOptions): Promise<ErasureRequest> {
  if (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > 60) throw new AppError("validation_failed", "extend by 1 to 60 days", { field: "days" });
  await inTransaction(async (client) => {
    const request = await lockErasureRequest(client, opts.requestId);
    if (!isOpen(request.status)) throw new AppError("conflict", "only an open request's deadline can be extended", { status: request.status });
    const { rows } = await client.query<{ due_at: string }>(
      `UPDATE erasure_requests SET due_at = due_at + make_interval(days => $2), updated_at = now(),
              extensions = extensions || jsonb_build_array(jsonb_build_object(
                'at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'by', $3::text, 'byLabel', $4::text,
                'days', $2::int, 'reason', $5::text,
                'dueAt', to_char((due_at + make_interval(days => $2)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))
        WHERE id = $1 RETURNING due_at`,
      [opts.requestId, opts.days, opts.actor.id, opts.actor.label, opts.reason],
    );
    await appendAudit(client, {
      actor: opts.actor,
      action: "erasure.deadline_extended",
      target: `erasure-request:${opts.requestId}`,
      details: { requestId: opts.requestId, days: opts.days, reason: opts.reason, from: request.dueAt, to: rows[0].due_at },
    });
  });
  return requireErasureRequest(opts.requestId);
}
