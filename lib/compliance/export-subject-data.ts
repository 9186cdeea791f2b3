import "server-only";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { renderPii } from "../schema/pii";
import { EVENT_COLUMNS, toEventViews, type EventRow } from "../store/event-view";
import { envelopePrefix } from "./envelope-proof";
import { REQUEST_COLUMNS, toRequest, type RequestRow } from "./erasure-request";
import { listLegalHolds } from "./legal-holds";

const MAX_EVENTS = 100_000;
const SUBJECT = /^[^\s:]{1,200}$/;

/**
 * A subject access export (the right of access and portability): every event naming the subject,
 * with PII in clear (or "[erased]" once shredded), the snapshots holding its data, the holds and
 * erasure requests about it. Audited with counts, never with the content.
 */
export async function exportSubjectData(opts: { subjectId: string; actor: Actor }) {
  if (!SUBJECT.test(opts.subjectId)) throw new AppError("validation_failed", "a subject id is 1–200 characters without spaces or colons", { field: "subjectId" });
  const db = getPool();
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE subjects <> '{}' AND subjects @> ARRAY[$1]::text[] ORDER BY global_position LIMIT ${MAX_EVENTS + 1}`,
    [opts.subjectId],
  );
  if (rows.length > MAX_EVENTS) throw new AppError("validation_failed", `the subject has more than ${MAX_EVENTS} events: export it with the API, stream by stream`);
  const events = await toEventViews(rows, { pii: "clear" });
  const snaps = await db.query<{ stream_id: string; stream_version: number; state: unknown; created_at: string }>(
    "SELECT stream_id, stream_version, state, created_at FROM snapshots WHERE strpos(state::text, $1) > 0 ORDER BY stream_id, stream_version",
    [envelopePrefix(opts.subjectId)],
  );
  const states = await renderPii(snaps.rows.map((s) => s.state), "clear");
  const key = await db.query<{ status: string; created_at: string; destroyed_at: string | null }>(
    "SELECT status, created_at, destroyed_at FROM subject_keys WHERE subject_id = $1",
    [opts.subjectId],
  );
  const requests = await db.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM erasure_requests WHERE subject_id = $1 ORDER BY received_at`, [opts.subjectId]);
  const holds = (await listLegalHolds({ limit: 1000 })).filter((h) => h.scope === "subject" && h.target === opts.subjectId);
  const streams = [...new Set(events.map((e) => e.streamId))];
  const document = {
    kind: "hindsight.subject-access-export/v1",
    subjectId: opts.subjectId,
    exportedAt: new Date().toISOString(),
    exportedBy: opts.actor.label,
    key: key.rows[0] ? { status: key.rows[0].status, createdAt: key.rows[0].created_at, destroyedAt: key.rows[0].destroyed_at } : null,
    streams,
    events: events.map(({ registered: _r, upcasters: _u, ...e }) => e),
    snapshots: snaps.rows.map((s, i) => ({ streamId: s.stream_id, streamVersion: s.stream_version, createdAt: s.created_at, state: states[i] })),
    erasureRequests: requests.rows.map(toRequest).map((r) => ({ id: r.id, status: r.status, receivedAt: r.receivedAt, dueAt: r.dueAt, completedAt: r.completedAt })),
    legalHolds: holds.map((h) => ({ id: h.id, reason: h.reason, createdAt: h.createdAt, standing: h.standing })),
  };
  await inTransaction((client) =>
    appendAudit(client, {
      actor: opts.actor,
      action: "subject.access_exported",
      target: `subject:${opts.subjectId}`,
      details: { subjectId: opts.subjectId, events: document.events.length, streams: streams.length, snapshots: document.snapshots.length },
    }),
  );
  return document;
}
