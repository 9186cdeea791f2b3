import "server-only";
import { getPool } from "../db";
import { AppError } from "../errors";
import { isUuid } from "../ids";
import { loadSourceEvents } from "../source/load-source-events";
import { logTables } from "../source/log-tables";
import { sourceEventViews } from "../source/source-views";
import type { PiiMode } from "../schema/pii";
import { EVENT_COLUMNS, toEventViews, type EventRow, type EventView } from "./event-view";

/** Where an event sits: enough to link to it or open its stream at its version. */
export type EventRef = { eventId: string; streamId: string; streamVersion: number; type: string; recordedAt: string };

/** An event looked up by id, with its cause and its effects (events whose causationId is its id), across streams. */
export type EventWithLinks = EventView & {
  /** The event named by causationId; null when there is none or it names a command the store does not hold. */
  cause: EventRef | null;
  /** The first `limit` effects in log position order, and how many there are in all. */
  effects: { count: number; events: EventRef[] };
};

export type GetEventOptions = { eventId: string; pii: PiiMode; effectsLimit?: number };

export const MAX_EFFECTS = 100;

const REF_COLUMNS = `event_id AS "eventId", stream_id AS "streamId", stream_version AS "streamVersion", type, recorded_at AS "recordedAt"`;

/** Throws 400 bad_request unless `eventId` is a UUID (event ids always are). */
export function assertEventId(eventId: string): void {
  if (!isUuid(eventId)) throw new AppError("bad_request", "an event id is a UUID, e.g. 0193c0de-7a1b-7c2d-8e3f-405162738495", { eventId });
}

/**
 * Where an event lives, by id (one probe of the unique index on event_id); null for an unknown id.
 * The /events/<id> page uses it to open the event's stream at its version.
 */
export async function findEventLocation(eventId: string): Promise<{ streamId: string; streamVersion: number } | null> {
  if (!isUuid(eventId)) return null;
  const { rows } = await getPool().query<{ streamId: string; streamVersion: number }>(
    `SELECT stream_id AS "streamId", stream_version AS "streamVersion" FROM ${logTables().events} WHERE event_id = $1`,
    [eventId],
  );
  return rows[0] ?? null;
}

/**
 * One event by id, upcast and rendered for the caller (PII clear, masked or erased), with its
 * cause and effects. Every lookup is index-backed: event_id is unique, causation_id has a partial
 * index (events_causation_idx), so an event with thousands of effects costs one index range scan.
 */
export async function getEvent(opts: GetEventOptions): Promise<EventWithLinks> {
  assertEventId(opts.eventId);
  const limit = Math.min(Math.max(opts.effectsLimit ?? 20, 0), MAX_EFFECTS);
  const pool = getPool();
  if (logTables().external) return getSourceEvent(opts.eventId, opts.pii, limit);
  const { rows } = await pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = $1`, [opts.eventId]);
  if (!rows[0]) throw new AppError("not_found", `event ${opts.eventId} does not exist`, { eventId: opts.eventId });
  const [[view], cause, effects, count] = await Promise.all([
    toEventViews(rows, { pii: opts.pii }),
    rows[0].causation_id
      ? pool.query<EventRef>(`SELECT ${REF_COLUMNS} FROM events WHERE event_id = $1`, [rows[0].causation_id])
      : Promise.resolve({ rows: [] as EventRef[] }),
    pool.query<EventRef>(`SELECT ${REF_COLUMNS} FROM events WHERE causation_id = $1 ORDER BY global_position LIMIT $2`, [opts.eventId, limit]),
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE causation_id = $1`, [opts.eventId]),
  ]);
  return { ...view, cause: cause.rows[0] ?? null, effects: { count: count.rows[0].n, events: effects.rows } };
}

/** getEvent over a source: links from the index, the payload from the source. */
async function getSourceEvent(eventId: string, pii: PiiMode, limit: number): Promise<EventWithLinks> {
  const pool = getPool();
  const event = (await loadSourceEvents([eventId])).get(eventId);
  if (!event) throw new AppError("not_found", `event ${eventId} does not exist`, { eventId });
  const [cause, effects, count] = await Promise.all([
    event.causationId ? pool.query<EventRef>(`SELECT ${REF_COLUMNS} FROM source_events WHERE event_id = $1`, [event.causationId]) : Promise.resolve({ rows: [] as EventRef[] }),
    pool.query<EventRef>(`SELECT ${REF_COLUMNS} FROM source_events WHERE causation_id = $1 ORDER BY global_position LIMIT $2`, [eventId, limit]),
    pool.query<{ n: number }>("SELECT count(*)::int AS n FROM source_events WHERE causation_id = $1", [eventId]),
  ]);
  const [view] = sourceEventViews([event], { pii });
  return { ...view, cause: cause.rows[0] ?? null, effects: { count: count.rows[0].n, events: effects.rows } };
}
