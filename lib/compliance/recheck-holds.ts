import "server-only";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { systemActor, type Actor } from "../audit/actor";
import { standingHoldsFor } from "./legal-holds";
import { transitionRequest } from "./transition-request";

export type RecheckResult = { released: string[]; blocked: string[] };

/**
 * Re-evaluates the holds of every request waiting on people: one blocked by a hold that was
 * released or has expired goes on to awaiting approval; one awaiting approval (or approved but not
 * yet executing) that a new hold now covers becomes blocked_by_hold. Runs after every hold change
 * and from the periodic erasure sweep (expiry needs no one to act).
 */
export async function recheckHolds(opts: { actor?: Actor } = {}): Promise<RecheckResult> {
  const actor = opts.actor ?? systemActor("erasure-sweep", "erasure sweep");
  const { rows } = await getPool().query<{ id: string; subject_id: string; status: string }>(
    "SELECT id, subject_id, status FROM erasure_requests WHERE status IN ('blocked_by_hold', 'awaiting_approval', 'approved')",
  );
  const result: RecheckResult = { released: [], blocked: [] };
  for (const r of rows) {
    await inTransaction(async (client) => {
      const holds = await standingHoldsFor(client, r.subject_id);
      if (r.status === "blocked_by_hold" && holds.length === 0) {
        await transitionRequest(client, { id: r.id, to: "awaiting_approval", actor, from: ["blocked_by_hold"], set: { blocking_holds: [] }, details: { reason: "every hold on the subject was released or expired" } });
        result.released.push(r.id);
      } else if (r.status !== "blocked_by_hold" && holds.length > 0) {
        // Approval is given for a subject free of holds: a new hold sends the request back to approval.
        await transitionRequest(client, {
          id: r.id,
          to: "blocked_by_hold",
          actor,
          from: ["awaiting_approval", "approved"],
          set: { blocking_holds: holds.map((h) => h.id), approved_by: null, approved_by_label: null, approved_at: null },
          details: { holds: holds.map((h) => h.id) },
        });
        result.blocked.push(r.id);
      } else if (r.status === "blocked_by_hold") {
        await client.query("UPDATE erasure_requests SET blocking_holds = $2 WHERE id = $1", [r.id, holds.map((h) => h.id)]);
      }
    }).catch((e) => {
      // Another process moved the request meanwhile (a conflict): the next sweep looks again.
      if ((e as { code?: string }).code !== "conflict") throw e;
    });
  }
  return result;
}
