import "server-only";
import { getPool } from "../../db";
import { EVENT_COLUMNS, type EventRow } from "../../store/event-view";
import { decodeCursor, encodeCursor, LOG_START } from "../../store/log-cursor";
import { READ_LOG_SQL } from "../../store/read-all";
import { categoryOf } from "../../store/stream-id";
import type { EventSource, LogPage, SourceCapabilities, SourceEvent, StreamSummary } from "../contract";

const YES = { ok: true } as const;
const CAPABILITIES: SourceCapabilities = { append: YES, archive: YES, cryptoShred: YES, erasureDiscovery: YES };

/** Hindsight's own store as a source: the same tables every feature has always read, `v1:` cursors. */
export function openHindsightSource(): EventSource {
  const pool = () => getPool();
  return {
    kind: "hindsight",
    capabilities: CAPABILITIES,
    async readLog(after, { limit }): Promise<LogPage> {
      const from = after ? decodeCursor(after) : LOG_START;
      const { rows } = await pool().query<EventRow>(READ_LOG_SQL, [from.txId, from.position, limit, null, null]);
      const last = rows[rows.length - 1];
      const cursor = encodeCursor(last ? { txId: last.tx_id, position: last.global_position } : from);
      return { events: rows.map(toSourceEvent), cursor, caughtUp: rows.length < limit };
    },
    async readStream(streamId, opts = {}) {
      const { rows } = await pool().query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version BETWEEN $2 AND $3 ORDER BY stream_version LIMIT $4`,
        [streamId, opts.fromVersion ?? 1, opts.toVersion ?? 2 ** 31 - 1, opts.limit ?? 1000],
      );
      return rows.map(toSourceEvent);
    },
    async getEvents(eventIds) {
      const ids = eventIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
      if (!ids.length) return [];
      const { rows } = await pool().query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::uuid[])`, [ids]);
      return rows.map(toSourceEvent);
    },
    async listStreams({ prefix, after, limit }) {
      const like = prefix ? prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + "%" : null;
      const { rows } = await pool().query<StreamSummary>(
        `SELECT stream_id AS "streamId", category, version, last_event_at AS "lastRecordedAt" FROM streams
          WHERE ($1::text IS NULL OR stream_id LIKE $1) AND ($2::text IS NULL OR stream_id > $2) AND version > 0
          ORDER BY stream_id LIMIT $3`,
        [like, after ?? null, limit],
      );
      return rows;
    },
    async countEvents({ from, to, category }) {
      const { rows } = await pool().query<{ n: string }>(
        `SELECT count(*) AS n FROM events WHERE ($1::timestamptz IS NULL OR recorded_at >= $1)
            AND ($2::timestamptz IS NULL OR recorded_at < $2) AND ($3::text IS NULL OR category = $3)`,
        [from ?? null, to ?? null, category ?? null],
      );
      return Number(rows[0].n);
    },
    async check() {
      try {
        await pool().query("SELECT 1 FROM events LIMIT 0");
        return { ok: true, problems: [] };
      } catch (e) {
        return { ok: false, problems: [`Hindsight's own events table cannot be read: ${(e as Error).message}`] };
      }
    },
    // The pool is Hindsight's own and closes with closeDb().
    close: async () => undefined,
  };
}

function toSourceEvent(r: EventRow): SourceEvent {
  return {
    eventId: r.event_id,
    streamId: r.stream_id,
    streamVersion: r.stream_version,
    globalPosition: Number(r.global_position),
    category: categoryOf(r.stream_id),
    type: r.type,
    data: r.data,
    metadata: r.metadata ?? {},
    correlationId: r.correlation_id,
    causationId: r.causation_id,
    recordedAt: typeof r.recorded_at === "string" ? r.recorded_at : new Date(r.recorded_at).toISOString(),
    tenant: null,
  };
}
