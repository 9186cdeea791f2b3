import "server-only";
import { getPool } from "../db";
import { AppError } from "../errors";
import { isUuid } from "../ids";
import { parseTime } from "../time";
import { REQUEST_COLUMNS, toRequest, type ErasureRequest, type RequestRow } from "./erasure-request";
import { OPEN_STATES } from "./erasure-states";

export type ListErasureRequestsOptions = { limit?: number; after?: string | null };

/** Requests, newest first, one page; `next` is an opaque cursor for the page after. */
export async function listErasureRequests(opts: ListErasureRequestsOptions = {}): Promise<{ requests: ErasureRequest[]; next: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  let after: [string, string] | null = null;
  if (opts.after) {
    try {
      const parsed = JSON.parse(Buffer.from(opts.after, "base64url").toString("utf8"));
      // Both halves reach SQL as a timestamptz and a uuid: a tampered one must be refused here, not by PostgreSQL.
      if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== "string" || parseTime(parsed[0]) === null || !isUuid(parsed[1])) throw new Error();
      after = parsed as [string, string];
    } catch {
      throw new AppError("invalid_cursor", "`after` is not a cursor this API gave out");
    }
  }
  const { rows } = await getPool().query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM erasure_requests
      WHERE $1::timestamptz IS NULL OR (received_at, id) < ($1::timestamptz, $2::uuid)
      ORDER BY received_at DESC, id DESC LIMIT $3`,
    [after?.[0] ?? null, after?.[1] ?? null, limit + 1],
  );
  const page = rows.slice(0, limit).map(toRequest);
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? Buffer.from(JSON.stringify([last.receivedAt, last.id])).toString("base64url") : null;
  return { requests: page, next };
}

/** Open requests by due date (soonest first): the Compliance page's worklist. */
export async function listOpenErasureRequests(): Promise<ErasureRequest[]> {
  const { rows } = await getPool().query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM erasure_requests WHERE status = ANY($1::text[]) ORDER BY due_at, id LIMIT 500`,
    [OPEN_STATES],
  );
  return rows.map(toRequest);
}

/** Closed requests (completed, rejected, failed), most recent first. */
export async function listClosedErasureRequests(limit = 50): Promise<ErasureRequest[]> {
  const { rows } = await getPool().query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM erasure_requests WHERE NOT (status = ANY($1::text[])) ORDER BY updated_at DESC LIMIT $2`,
    [OPEN_STATES, limit],
  );
  return rows.map(toRequest);
}

/** A request as the public API returns it (no sealed values, ever). */
export function requestResponse(r: ErasureRequest) {
  return {
    id: r.id, subjectId: r.subjectId, status: r.status, reason: r.reason, receivedAt: r.receivedAt, dueAt: r.dueAt,
    requestedBy: r.requestedByLabel, approvedBy: r.approvedByLabel, approvedAt: r.approvedAt, completedAt: r.completedAt,
    knownValueHashes: r.knownValueHashes, extensions: r.extensions,
    discovery: r.discovery ? { events: r.discovery.events, streams: r.discovery.streams, snapshots: r.discovery.snapshots, holds: r.discovery.holds.map((h) => h.id) } : null,
    blockingHolds: r.blockingHolds, progress: r.progress, failure: r.failure,
    verification: r.verification ? { passed: r.verification.passed, finishedAt: r.verification.finishedAt } : null,
  };
}
