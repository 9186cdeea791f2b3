import "server-only";
import type { Actor } from "../audit/actor";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { lockErasureRequest, type ErasureRequest } from "./erasure-request";
import { transitionRequest } from "./transition-request";

/**
 * failed → verifying, for a request whose verification failed (typically a segment it could not
 * read): the key is already destroyed, so only the proof runs again. Audited with the move; the
 * caller queues the verification job.
 */
export async function retryVerification(opts: { requestId: string; actor: Actor }): Promise<ErasureRequest> {
  return inTransaction(async (client) => {
    const request = await lockErasureRequest(client, opts.requestId);
    const last = request.history.at(-1);
    if (request.status !== "failed" || last?.from !== "verifying") {
      throw new AppError("conflict", "only a request whose verification failed can be verified again", { status: request.status });
    }
    return transitionRequest(client, {
      id: opts.requestId,
      to: "verifying",
      actor: opts.actor,
      from: ["failed"],
      set: { failure: null, progress: null },
      details: { retry: true, previousFailure: request.failure },
    });
  });
}
