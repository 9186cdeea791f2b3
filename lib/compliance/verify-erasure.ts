import "server-only";
import { getLongWorkPool } from "../db";
import { inTransaction } from "../db-transaction";
import type { Actor } from "../audit/actor";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { ERASURE_SCANNERS } from "./erasure-scanners";
import { requireErasureRequest, type ErasureRequest, type Verification } from "./erasure-request";
import { ERASURE_WORKER } from "./execute-erasure";
import { progressReporter } from "./request-progress";
import { openKnownValues } from "./request-secrets";
import { digestOtherRows } from "./store-digest";
import { transitionRequest } from "./transition-request";

export type VerifyErasureResult = { outcome: "completed" | "failed" | "not_verifying"; request: ErasureRequest };

/**
 * verifying → completed (or failed), proving from the database as it is now: the key is gone;
 * every envelope of the subject in every scanned source fails to decrypt; no plaintext of the
 * known values remains anywhere the scanners look (a store-wide sweep, with progress); the
 * digest of everyone else's rows equals the one taken before execution; the audit chain holds.
 * Completion destroys the request's own key, so the known values are gone too.
 */
export async function verifyErasure(opts: { requestId: string; actor?: Actor }): Promise<VerifyErasureResult> {
  const actor = opts.actor ?? ERASURE_WORKER;
  // Sweeps read the whole store: their statements may outrun an ordinary session's timeout.
  const db = getLongWorkPool();
  const request = await requireErasureRequest(opts.requestId);
  if (request.status !== "verifying") return { outcome: "not_verifying", request };
  const v: Verification = {
    startedAt: new Date().toISOString(), finishedAt: null, passed: null, keyDestroyed: false,
    envelopes: [], plaintext: [], othersUnchanged: null, auditChain: null, sweepEventsPerSecond: null,
  };

  try {
    const key = await db.query<{ status: string; wrapped_key: Buffer | null }>("SELECT status, wrapped_key FROM subject_keys WHERE subject_id = $1", [request.subjectId]);
    v.keyDestroyed = key.rows[0]?.status === "destroyed" && key.rows[0].wrapped_key === null;

    for (const scanner of ERASURE_SCANNERS) {
      const progress = progressReporter(db, request.id, `envelopes in ${scanner.source}`);
      v.envelopes.push({ source: scanner.source, ...(await scanner.checkEnvelopes({ db, subjectId: request.subjectId, onProgress: progress })) });
      await progress.flush();
    }

    const sealed = await db.query<{ known_values_sealed: Buffer | null; request_key_wrapped: Buffer | null }>(
      "SELECT known_values_sealed, request_key_wrapped FROM erasure_requests WHERE id = $1",
      [request.id],
    );
    const row = sealed.rows[0];
    const needles = row.known_values_sealed && row.request_key_wrapped ? openKnownValues(request.id, row.known_values_sealed, row.request_key_wrapped) : [];
    for (const scanner of ERASURE_SCANNERS) {
      const progress = progressReporter(db, request.id, `plaintext sweep of ${scanner.source}`);
      const t0 = performance.now();
      const found = await scanner.scanPlaintext({ db, needles, onProgress: progress });
      await progress.flush();
      if (scanner.source === "events" && found.scanned > 0) v.sweepEventsPerSecond = Math.round(found.scanned / ((performance.now() - t0) / 1000));
      v.plaintext.push({ source: scanner.source, ...found });
    }

    const baseline = request.execution?.baseline ?? null;
    if (baseline) {
      const progress = progressReporter(db, request.id, "digest of other subjects' data");
      const after = await digestOtherRows({ db, subjectId: request.subjectId, cut: baseline, onProgress: progress });
      await progress.flush();
      v.othersUnchanged = { passed: after.digest === baseline.digest && after.events === baseline.events && after.snapshots === baseline.snapshots, before: baseline, after };
    }

    const chain = await verifyAuditChain();
    v.auditChain = chain.ok ? { ok: true, entries: chain.entries } : { ok: false, entries: chain.entries, message: chain.message };
  } catch (e) {
    // A source that cannot be read (a missing or altered archive segment) fails the proof loudly,
    // naming what is missing, instead of leaving the request in "verifying" while the job retries.
    return failUnreadable(request, v, actor, e as Error);
  }

  const problems: string[] = [];
  if (!v.keyDestroyed) problems.push("the subject key still exists");
  for (const e of v.envelopes) if (e.decryptable > 0) problems.push(`${e.decryptable} envelope(s) in ${e.source} still decrypt`);
  for (const p of v.plaintext) if (p.hits.length > 0) problems.push(`plaintext of a known value remains in ${p.source} (${p.hits.length} place(s))`);
  if (!v.othersUnchanged) problems.push("no baseline digest was taken before execution");
  else if (!v.othersUnchanged.passed) problems.push("other subjects' data changed during execution");
  if (!v.auditChain.ok) problems.push(`the audit chain is broken: ${v.auditChain.message}`);
  v.passed = problems.length === 0;
  v.finishedAt = new Date().toISOString();

  const summary = {
    passed: v.passed,
    envelopes: v.envelopes.map((e) => ({ source: e.source, envelopes: e.envelopes, decryptable: e.decryptable })),
    plaintextHits: v.plaintext.reduce((n, p) => n + p.hits.length, 0),
    othersUnchanged: v.othersUnchanged?.passed ?? null,
    auditChainOk: v.auditChain.ok,
  };
  await inTransaction((client) =>
    v.passed
      ? transitionRequest(client, {
          id: request.id, to: "completed", actor, from: ["verifying"],
          set: { verification: JSON.stringify(v), progress: null, completed_at: v.finishedAt, known_values_sealed: null, request_key_wrapped: null },
          details: { ...summary, requestKeyDestroyed: true },
        })
      : transitionRequest(client, {
          id: request.id, to: "failed", actor, from: ["verifying"],
          set: { verification: JSON.stringify(v), progress: null, failure: `verification failed: ${problems.join("; ")}` },
          details: { ...summary, problems },
        }),
  );
  return { outcome: v.passed ? "completed" : "failed", request: await requireErasureRequest(request.id) };
}

async function failUnreadable(request: ErasureRequest, v: Verification, actor: Actor, error: Error): Promise<VerifyErasureResult> {
  const reason = `verification could not read everything it must check: ${error.message}`;
  console.error(`[erasure] ${request.id}: ${reason}`);
  v.passed = false;
  v.finishedAt = new Date().toISOString();
  v.error = error.message;
  await inTransaction((client) =>
    transitionRequest(client, {
      id: request.id, to: "failed", actor, from: ["verifying"],
      set: { verification: JSON.stringify(v), progress: null, failure: reason },
      details: { passed: false, unreadable: error.message, retryable: true },
    }),
  );
  return { outcome: "failed", request: await requireErasureRequest(request.id) };
}
