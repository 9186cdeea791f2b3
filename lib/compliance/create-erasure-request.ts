import "server-only";
import { randomUUID } from "node:crypto";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { discoverErasure } from "./discover-erasure";
import { requireErasureRequest, type ErasureRequest } from "./erasure-request";
import { DUE_DAYS } from "./erasure-states";
import { sealKnownValues } from "./request-secrets";

export type CreateErasureRequestOptions = {
  subjectId: string;
  reason: string;
  /** Plaintext to search the store for after erasure (an e-mail): kept sealed, never logged. */
  knownValues?: string[];
  actor: Actor;
  /** Run discovery right away (default); off only for tests that look at a received request. */
  discover?: boolean;
};

const SUBJECT = /^[^\s:]{1,200}$/;

/**
 * Records a request as received (due in 30 days; audited with the hashes of the known values
 * only), then runs discovery, which leaves it awaiting approval or blocked by a hold.
 */
export async function createErasureRequest(opts: CreateErasureRequestOptions): Promise<ErasureRequest> {
  if (!SUBJECT.test(opts.subjectId)) throw new AppError("validation_failed", "a subject id is 1–200 characters without spaces or colons", { field: "subjectId" });
  const values = [...new Set((opts.knownValues ?? []).map((v) => v.trim()).filter(Boolean))];
  if (values.some((v) => v.length < 3 || v.length > 500)) {
    throw new AppError("validation_failed", "each known value is 3–500 characters (shorter ones would match everywhere)", { field: "knownValues" });
  }
  const id = randomUUID();
  const sealed = values.length ? sealKnownValues(id, values) : null;
  await inTransaction(async (client) => {
    await client.query(
      `INSERT INTO erasure_requests (id, subject_id, reason, requested_by, requested_by_label, due_at, known_values_sealed,
                                     request_key_wrapped, request_key_master_id, known_value_hashes, history)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6), $7, $8, $9, $10,
               jsonb_build_array(jsonb_build_object('at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'from', null, 'to', 'received', 'by', $5::text)))`,
      [id, opts.subjectId, opts.reason, opts.actor.id, opts.actor.label, DUE_DAYS, sealed?.sealed ?? null, sealed?.wrappedKey ?? null, sealed?.masterKeyId ?? null, sealed?.hashes ?? []],
    );
    await appendAudit(client, {
      actor: opts.actor,
      action: "erasure.received",
      target: `erasure-request:${id}`,
      details: { requestId: id, subjectId: opts.subjectId, reason: opts.reason, knownValueHashes: sealed?.hashes ?? [] },
    });
  });
  if (opts.discover === false) return requireErasureRequest(id);
  return discoverErasure({ requestId: id, actor: opts.actor });
}
