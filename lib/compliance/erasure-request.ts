import "server-only";
import type pg from "pg";
import { getPool } from "../db";
import { AppError } from "../errors";
import { isUuid } from "../ids";
import type { SubjectHolding } from "./erasure-scanner";
import type { ErasureState } from "./erasure-states";
import type { LegalHold } from "./legal-holds";

export type DeadlineExtension = { at: string; by: string; byLabel: string; days: number; reason: string; dueAt: string };
export type Transition = { at: string; from: ErasureState | null; to: ErasureState; by: string };
export type Discovery = { at: string; holdings: SubjectHolding[]; holds: LegalHold[]; events: number; streams: number; snapshots: number };
export type Progress = { phase: string; done: number; total: number | null; at: string };

/** What execution did, step by step, with who approved it and when each step ran. */
export type Execution = {
  startedAt: string;
  finishedAt: string | null;
  keyId: string | null;
  keyDestroyedAt: string | null;
  /** The store digest before the key went (for "other subjects unchanged"). */
  baseline: StoreDigestRecord | null;
  snapshotsPurged: number;
  hooks: { name: string; at: string; summary: string }[];
  /** How long each step took in the run that did it (ms). */
  timings?: { baselineMs?: number; keyDestroyMs?: number; purgeMs?: number; hooksMs?: number };
};

/** `snapshot`: the MVCC snapshot (pg_snapshot text) whose visible rows the digest covers. */
export type StoreDigestRecord = { snapshot: string; at: string; events: number; snapshots: number; digest: string };

export type Verification = {
  startedAt: string;
  finishedAt: string | null;
  passed: boolean | null;
  keyDestroyed: boolean;
  envelopes: { source: string; envelopes: number; decryptable: number }[];
  plaintext: { source: string; scanned: number; hits: { source: string; where: string }[] }[];
  othersUnchanged: { passed: boolean; before: StoreDigestRecord | null; after: StoreDigestRecord | null } | null;
  auditChain: { ok: boolean; entries: number; message?: string } | null;
  sweepEventsPerSecond: number | null;
  /** Why the proof could not finish (a source it could not read); retryable. */
  error?: string;
};

export type ErasureRequest = {
  id: string;
  subjectId: string;
  reason: string;
  status: ErasureState;
  requestedBy: string;
  requestedByLabel: string;
  receivedAt: string;
  dueAt: string;
  extensions: DeadlineExtension[];
  knownValueHashes: string[];
  /** Whether the sealed known values can still be opened (false once the request key is destroyed). */
  knownValuesHeld: boolean;
  discovery: Discovery | null;
  blockingHolds: string[];
  approvedBy: string | null;
  approvedByLabel: string | null;
  approvedAt: string | null;
  rejectedBy: string | null;
  rejectedByLabel: string | null;
  rejectedAt: string | null;
  rejectionReason: string | null;
  execution: Execution | null;
  verification: Verification | null;
  progress: Progress | null;
  failure: string | null;
  completedAt: string | null;
  history: Transition[];
  updatedAt: string;
};

export const REQUEST_COLUMNS = `id, subject_id, reason, status, requested_by, requested_by_label, received_at, due_at, extensions,
  known_value_hashes, (known_values_sealed IS NOT NULL AND request_key_wrapped IS NOT NULL) AS known_values_held, discovery,
  blocking_holds, approved_by, approved_by_label, approved_at, rejected_by, rejected_by_label, rejected_at, rejection_reason,
  execution, verification, progress, failure, completed_at, history, updated_at`;

export type RequestRow = {
  id: string; subject_id: string; reason: string; status: ErasureState; requested_by: string; requested_by_label: string;
  received_at: string; due_at: string; extensions: DeadlineExtension[]; known_value_hashes: string[]; known_values_held: boolean;
  discovery: Discovery | null; blocking_holds: string[]; approved_by: string | null; approved_by_label: string | null;
  approved_at: string | null; rejected_by: string | null; rejected_by_label: string | null; rejected_at: string | null;
  rejection_reason: string | null; execution: Execution | null; verification: Verification | null; progress: Progress | null;
  failure: string | null; completed_at: string | null; history: Transition[]; updated_at: string;
};

export function toRequest(r: RequestRow): ErasureRequest {
  return {
    id: r.id, subjectId: r.subject_id, reason: r.reason, status: r.status, requestedBy: r.requested_by,
    requestedByLabel: r.requested_by_label, receivedAt: r.received_at, dueAt: r.due_at, extensions: r.extensions,
    knownValueHashes: r.known_value_hashes, knownValuesHeld: r.known_values_held, discovery: r.discovery,
    blockingHolds: r.blocking_holds, approvedBy: r.approved_by, approvedByLabel: r.approved_by_label, approvedAt: r.approved_at,
    rejectedBy: r.rejected_by, rejectedByLabel: r.rejected_by_label, rejectedAt: r.rejected_at, rejectionReason: r.rejection_reason,
    execution: r.execution, verification: r.verification, progress: r.progress, failure: r.failure, completedAt: r.completed_at,
    history: r.history, updatedAt: r.updated_at,
  };
}

/** One request, or null (also for an id that is not a uuid). */
export async function getErasureRequest(id: string, db: pg.Pool | pg.ClientBase = getPool()): Promise<ErasureRequest | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM erasure_requests WHERE id = $1`, [id]);
  return rows[0] ? toRequest(rows[0]) : null;
}

/** Like getErasureRequest, but a missing request is a 404. */
export async function requireErasureRequest(id: string, db: pg.Pool | pg.ClientBase = getPool()): Promise<ErasureRequest> {
  const r = await getErasureRequest(id, db);
  if (!r) throw new AppError("not_found", `no erasure request ${id}`, { id });
  return r;
}

/** Locks a request row for a transition inside `client`'s transaction. */
export async function lockErasureRequest(client: pg.ClientBase, id: string): Promise<ErasureRequest> {
  if (!isUuid(id)) throw new AppError("not_found", `no erasure request ${id}`, { id });
  const { rows } = await client.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM erasure_requests WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw new AppError("not_found", `no erasure request ${id}`, { id });
  return toRequest(rows[0]);
}
