import "server-only";
import { loadSourceEvents } from "../source/load-source-events";
import { logTables } from "../source/log-tables";
import { sourceEventViews } from "../source/source-views";
import { getPool } from "../db";
import type { PiiMode } from "../schema/pii";
import { EVENT_COLUMNS, toEventViews, type EventRow, type EventView } from "./event-view";

export type StoreTotals = { events: number; streams: number; bytes: number; categories: number; firstEventAt: string | null; lastEventAt: string | null };

/** Totals from the streams table (one row per stream), never a count over events. */
export async function getStoreTotals(): Promise<StoreTotals> {
  const { rows } = await getPool().query<StoreTotals>(
    `SELECT coalesce(sum(event_count), 0)::bigint AS events, count(*)::bigint AS streams, coalesce(sum(bytes), 0)::bigint AS bytes,
            count(DISTINCT category)::bigint AS categories, min(first_event_at) AS "firstEventAt", max(last_event_at) AS "lastEventAt"
       FROM ${logTables().streams} WHERE version > 0`,
  );
  return rows[0];
}

/** Events per UTC day over the last `days` days (zero-filled), from the recorded_at index. */
export async function getEventsPerDay(days: number): Promise<{ day: string; count: number }[]> {
  const { rows } = await getPool().query<{ day: string; count: number }>(
    `WITH span AS (SELECT date_trunc('day', now()) - make_interval(days => $1 - 1) AS start)
     SELECT to_char(d, 'YYYY-MM-DD') AS day, coalesce(c.count, 0)::bigint AS count
       FROM span, generate_series(span.start, date_trunc('day', now()), interval '1 day') d
       LEFT JOIN (SELECT date_trunc('day', recorded_at) AS day, count(*) AS count FROM ${logTables().events}, span
                   WHERE recorded_at >= span.start GROUP BY 1) c ON c.day = d
      ORDER BY d`,
    [days],
  );
  return rows;
}

/** The most recently appended events (by position: recorded_at has only a BRIN index, see 20261204007200_events_bytes). */
export async function getNewestEvents(limit: number, pii: PiiMode): Promise<EventView[]> {
  if (logTables().external) {
    // The index knows which events are newest; their payloads come from the source.
    const { rows } = await getPool().query<{ event_id: string }>("SELECT event_id FROM source_events ORDER BY recorded_at DESC LIMIT $1", [limit]);
    const found = await loadSourceEvents(rows.map((r) => r.event_id));
    return sourceEventViews(rows.flatMap((r) => found.get(r.event_id) ?? []), { pii });
  }
  const { rows } = await getPool().query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY global_position DESC LIMIT $1`, [limit]);
  return toEventViews(rows, { pii });
}
