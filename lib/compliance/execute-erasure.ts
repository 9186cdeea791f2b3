import "server-only";
import { requireCapability } from "../source/require-capability";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { appendAudit } from "../audit/append-audit";
import { systemActor, type Actor } from "../audit/actor";
import { SUBJECT_KEYS_CHANNEL, forgetCachedKeys } from "../schema/subject-keys";
import { AFTER_ERASURE_HOOKS } from "./after-erasure-hooks";
import { envelopePrefix } from "./envelope-proof";
import { requireErasureRequest, type ErasureRequest, type Execution } from "./erasure-request";
import { standingHoldsFor } from "./legal-holds";
import { progressReporter } from "./request-progress";
import { digestOtherRows } from "./store-digest";
import { transitionRequest } from "./transition-request";

export const ERASURE_WORKER = systemActor("erasure-worker", "erasure worker");

export type ExecuteErasureResult = { outcome: "executed" | "already_done" | "blocked" | "not_approved"; request: ErasureRequest; keyDestroyMs?: number };

/**
 * approved → executing → verifying. Idempotent (pg-boss may deliver the job twice, or after a
 * crash): every step checks what is already done. Steps: a baseline digest of everyone else's
 * rows; destroy and tombstone the subject key (FOR UPDATE, so no append can seal with it
 * meanwhile; NOTIFY so no process keeps a cached copy); purge the snapshots holding the subject's
 * envelopes (the snapshot job folds them again); the after-erasure hooks.
 */
export async function executeErasure(opts: { requestId: string; actor?: Actor; skipBaseline?: boolean }): Promise<ExecuteErasureResult> {
  requireCapability("cryptoShred");
  const actor = opts.actor ?? ERASURE_WORKER;
  const db = getPool();
  let request = await requireErasureRequest(opts.requestId);
  if (request.status === "verifying" || request.status === "completed") return { outcome: "already_done", request };
  if (request.status !== "approved" && request.status !== "executing") return { outcome: "not_approved", request };

  if (request.status === "approved") {
    const blocked = await inTransaction(async (client) => {
      // A hold placed after approval wins: the request goes back to wait for its release.
      const holds = await standingHoldsFor(client, request.subjectId);
      if (holds.length > 0) {
        await transitionRequest(client, {
          id: request.id, to: "blocked_by_hold", actor, from: ["approved"],
          set: { blocking_holds: holds.map((h) => h.id), approved_by: null, approved_by_label: null, approved_at: null },
          details: { holds: holds.map((h) => h.id), reason: "a hold was placed after approval" },
        });
        return true;
      }
      const execution: Execution = { startedAt: new Date().toISOString(), finishedAt: null, keyId: null, keyDestroyedAt: null, baseline: null, snapshotsPurged: 0, hooks: [] };
      await transitionRequest(client, { id: request.id, to: "executing", actor, from: ["approved"], set: { execution: JSON.stringify(execution) } });
      return false;
    });
    request = await requireErasureRequest(opts.requestId);
    if (blocked) return { outcome: "blocked", request };
  }
  const execution = request.execution!;
  const save = () => db.query("UPDATE erasure_requests SET execution = $2, updated_at = now() WHERE id = $1", [request.id, JSON.stringify(execution)]);

  const timings = (execution.timings ??= {});
  if (!execution.baseline && !opts.skipBaseline) {
    const t0 = performance.now();
    const progress = progressReporter(db, request.id, "baseline digest of other subjects' data");
    execution.baseline = await digestOtherRows({ db, subjectId: request.subjectId, onProgress: progress });
    await progress.flush();
    timings.baselineMs = Math.round(performance.now() - t0);
    await save();
  }

  let keyDestroyMs: number | undefined;
  if (!execution.keyDestroyedAt) {
    const t0 = performance.now();
    const destroyed = await destroySubjectKey(request, actor);
    keyDestroyMs = performance.now() - t0;
    timings.keyDestroyMs = Math.round(keyDestroyMs * 10) / 10;
    execution.keyId = destroyed.keyId;
    execution.keyDestroyedAt = destroyed.at;
    await save();
  }

  // Re-runs find nothing left to purge; the count keeps what the first run removed.
  let t1 = performance.now();
  const purged = await purgeSubjectSnapshots(request.subjectId);
  execution.snapshotsPurged += purged;
  timings.purgeMs = Math.round(performance.now() - t1);
  t1 = performance.now();

  const streams = await db.query<{ stream_id: string }>("SELECT DISTINCT stream_id FROM events WHERE subjects <> '{}' AND subjects @> ARRAY[$1]::text[]", [request.subjectId]);
  for (const hook of AFTER_ERASURE_HOOKS) {
    if (execution.hooks.some((h) => h.name === hook.name)) continue;
    const summary = await hook.run({ db, requestId: request.id, subjectId: request.subjectId, streamIds: streams.rows.map((r) => r.stream_id) });
    execution.hooks.push({ name: hook.name, at: new Date().toISOString(), summary });
    await save();
  }
  timings.hooksMs = Math.round(performance.now() - t1);
  execution.finishedAt = new Date().toISOString();
  await inTransaction((client) =>
    transitionRequest(client, {
      id: request.id, to: "verifying", actor, from: ["executing"],
      set: { execution: JSON.stringify(execution), progress: null },
      details: { keyId: execution.keyId, keyDestroyedAt: execution.keyDestroyedAt, snapshotsPurged: execution.snapshotsPurged, hooks: execution.hooks.map((h) => h.name) },
    }),
  );
  return { outcome: "executed", request: await requireErasureRequest(request.id), keyDestroyMs };
}

/**
 * Destroys the subject's data key and leaves a tombstone (a subject with no key yet gets one, so
 * later PII for it is refused too). The row lock waits for appends sealing with the key (they
 * hold it FOR SHARE); the NOTIFY commits with the change, and every process drops its copy.
 */
export async function destroySubjectKey(request: Pick<ErasureRequest, "id" | "subjectId">, actor: Actor): Promise<{ keyId: string | null; at: string }> {
  const result = await inTransaction(async (client) => {
    const { rows } = await client.query<{ key_id: string; status: string; destroyed_at: string | null }>(
      "SELECT key_id, status, destroyed_at FROM subject_keys WHERE subject_id = $1 FOR UPDATE",
      [request.subjectId],
    );
    let keyId: string | null = rows[0]?.key_id ?? null;
    let at: string;
    if (!rows[0]) {
      const ins = await client.query<{ destroyed_at: string }>(
        `INSERT INTO subject_keys (subject_id, key_id, wrapped_key, master_key_id, status, destroyed_at)
         VALUES ($1, 'tombstone', NULL, 'none', 'destroyed', now())
         ON CONFLICT (subject_id) DO UPDATE SET status = 'destroyed', wrapped_key = NULL, destroyed_at = coalesce(subject_keys.destroyed_at, now())
         RETURNING destroyed_at`,
        [request.subjectId],
      );
      at = ins.rows[0].destroyed_at;
      keyId = null;
    } else if (rows[0].status === "destroyed") {
      at = rows[0].destroyed_at ?? new Date().toISOString();
    } else {
      const upd = await client.query<{ destroyed_at: string }>(
        "UPDATE subject_keys SET status = 'destroyed', wrapped_key = NULL, destroyed_at = now() WHERE subject_id = $1 RETURNING destroyed_at",
        [request.subjectId],
      );
      at = upd.rows[0].destroyed_at;
    }
    await client.query("SELECT pg_notify($1, $2)", [SUBJECT_KEYS_CHANNEL, request.subjectId]);
    await appendAudit(client, {
      actor,
      action: "erasure.key_destroyed",
      target: `subject:${request.subjectId}`,
      details: { requestId: request.id, subjectId: request.subjectId, keyId },
    });
    return { keyId, at };
  });
  forgetCachedKeys(request.subjectId);
  return result;
}

/** Deletes the snapshots whose state holds the subject's envelopes and points their streams at what is left. */
export async function purgeSubjectSnapshots(subjectId: string): Promise<number> {
  return inTransaction(async (client) => {
    const { rows } = await client.query<{ stream_id: string }>(
      "DELETE FROM snapshots WHERE strpos(state::text, $1) > 0 RETURNING stream_id",
      [envelopePrefix(subjectId)],
    );
    if (rows.length) {
      await client.query(
        `UPDATE streams s SET snapshot_version = (SELECT max(stream_version) FROM snapshots n WHERE n.stream_id = s.stream_id)
          WHERE s.stream_id = ANY($1::text[])`,
        [[...new Set(rows.map((r) => r.stream_id))]],
      );
    }
    return rows.length;
  });
}
