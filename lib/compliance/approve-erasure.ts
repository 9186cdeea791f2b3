import "server-only";
import { requireCapability } from "../source/require-capability";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import type { Actor } from "../audit/actor";
import { personOf } from "../auth/person-of";
import { lockErasureRequest, type ErasureRequest } from "./erasure-request";
import { standingHoldsFor } from "./legal-holds";
import { transitionRequest } from "./transition-request";

export type ApproveErasureOptions = { requestId: string; actor: Actor };

/**
 * The second pair of eyes: awaiting_approval → approved, by a compliance user who did not make
 * the request (refused on the server, whatever the UI shows). A hold placed since discovery
 * blocks the approval. The caller then queues the execution job.
 */
export async function approveErasure(opts: ApproveErasureOptions): Promise<ErasureRequest> {
  // Over a source, discovery shows where the subject's data sits; erasing it there is the source's own job.
  requireCapability("cryptoShred");
  return inTransaction(async (client) => {
    const request = await lockErasureRequest(client, opts.requestId);
    // People, not credentials: a request made with a token is its owner's.
    if ((await personOf(client, request.requestedBy)) === (await personOf(client, opts.actor.id))) {
      throw new AppError("forbidden", "four eyes: a request must be approved by someone other than the person who made it", { reason: "self_approval" });
    }
    const holds = await standingHoldsFor(client, request.subjectId);
    if (holds.length > 0) {
      throw new AppError("conflict", `the subject is under ${holds.length === 1 ? "a legal hold" : `${holds.length} legal holds`}: release it before approving`, {
        holds: holds.map((h) => h.id),
      });
    }
    return transitionRequest(client, {
      id: opts.requestId,
      to: "approved",
      actor: opts.actor,
      from: ["awaiting_approval"],
      set: { approved_by: opts.actor.id, approved_by_label: opts.actor.label, approved_at: new Date().toISOString() },
    });
  });
}

export type RejectErasureOptions = { requestId: string; reason: string; actor: Actor };

/** Rejects an open request with a reason; the sealed known values go with it (their key is destroyed). */
export async function rejectErasure(opts: RejectErasureOptions): Promise<ErasureRequest> {
  return inTransaction((client) =>
    transitionRequest(client, {
      id: opts.requestId,
      to: "rejected",
      actor: opts.actor,
      from: ["received", "awaiting_approval", "blocked_by_hold"],
      set: {
        rejected_by: opts.actor.id,
        rejected_by_label: opts.actor.label,
        rejected_at: new Date().toISOString(),
        rejection_reason: opts.reason,
        known_values_sealed: null,
        request_key_wrapped: null,
      },
      details: { reason: opts.reason },
    }),
  );
}
