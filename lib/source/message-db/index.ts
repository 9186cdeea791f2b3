import type { EventSource, OpenSource, SourceEvent, StreamSummary } from "../contract";
import { MESSAGE_DB_CAPABILITIES } from "./capabilities";
import { SEEN_AT_SQL } from "../gap-watch/gap-liveness";
import { GapSightings, readSequenceLog, type SequenceFetch } from "../gap-watch/read-sequence-log";
import { decodeSequenceCursor, encodeSequenceCursor, SEQUENCE_START } from "../gap-watch/sequence-cursor";
import { checkMessageDb } from "./check-message-db";
import { qualified } from "../sql-name";
import { openSourcePool } from "../shared/source-pool";
import { DEFAULT_SCHEMA, messageColumns, toSourceEvent, type MessageRow } from "./message-db-rows";

/** Message DB cursors: "mdb1:<global position>[:<gap seen at, µs>:<gap ceiling>]". */
export const MESSAGE_DB_CURSOR = "mdb1:";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Message DB (Eventide) as a source: message_store.messages ordered by global_position, a plain
 * sequence with no transaction id, read gap-safe by the gap watch (lib/source/gap-watch).
 *
 * Strategy: a gap at position g is final once no transaction that was open when g was first
 * seen is still open (pg_stat_activity, pg_prepared_xacts). Safe because g was handed out before
 * a higher position committed, so by a transaction already open at the first sighting; when none
 * of those is left, g has committed (and the next read sees it) or rolled back (and never will).
 * The sighting's time and ceiling ride in the cursor, so the rule holds across restarts.
 */
export const openMessageDbSource: OpenSource = (opts) => {
  const schema = opts.schema ?? DEFAULT_SCHEMA;
  const messages = qualified(schema, "messages");
  const columns = messageColumns(schema);
  const pool = openSourcePool(opts.url, "message-db");
  const sightings = new GapSightings();

  const fetch: SequenceFetch<SourceEvent> = async (after, limit) => {
    const { rows } = await pool.query<MessageRow & { max_position: number; seen_at: string }>(
      `SELECT ${columns}, (SELECT max(global_position) FROM ${messages}) AS max_position, ${SEEN_AT_SQL} AS seen_at
         FROM ${messages} m WHERE m.global_position > $1 ORDER BY m.global_position LIMIT $2`,
      [after, limit],
    );
    return {
      rows: rows.map((r) => ({ position: r.global_position, event: toSourceEvent(r) })),
      maxPosition: rows[0]?.max_position ?? after,
      seenAt: BigInt(rows[0]?.seen_at ?? 0),
    };
  };

  const source: EventSource = {
    kind: "message-db",
    capabilities: MESSAGE_DB_CAPABILITIES,

    async readLog(after, { limit }) {
      const cursor = after === null ? SEQUENCE_START : decodeSequenceCursor(MESSAGE_DB_CURSOR, after);
      // write_message takes its position and inserts the row in one statement, so a session idle in a transaction without an xid holds no position.
      const page = await readSequenceLog(pool, fetch, cursor, limit, { idleWithoutXidCannotHold: true }, sightings);
      return { events: page.events, cursor: encodeSequenceCursor(MESSAGE_DB_CURSOR, page.cursor), caughtUp: page.caughtUp };
    },

    async readStream(streamId, o = {}) {
      const { rows } = await pool.query<MessageRow>(
        `SELECT ${columns} FROM ${messages} m
          WHERE m.stream_name = $1 AND m.position >= $2 AND ($3::bigint IS NULL OR m.position <= $3)
          ORDER BY m.position LIMIT $4`,
        [streamId, Math.max((o.fromVersion ?? 1) - 1, 0), o.toVersion === undefined ? null : o.toVersion - 1, o.limit ?? null],
      );
      return rows.map(toSourceEvent);
    },

    async getEvents(eventIds) {
      const ids = eventIds.filter((id) => UUID.test(id));
      if (!ids.length) return [];
      const { rows } = await pool.query<MessageRow>(`SELECT ${columns} FROM ${messages} m WHERE m.id = ANY($1::uuid[])`, [ids]);
      return rows.map(toSourceEvent);
    },

    async listStreams({ prefix = "", after, limit }): Promise<StreamSummary[]> {
      // Message DB has no streams table: a stream is the messages that share a stream_name.
      const { rows } = await pool.query<{ stream_name: string; category: string; version: number; last: string | null }>(
        `SELECT m.stream_name, ${qualified(schema, "category")}(m.stream_name) AS category, max(m.position) + 1 AS version,
                max(m.time) AT TIME ZONE 'UTC' AS last
           FROM ${messages} m
          WHERE starts_with(m.stream_name, $1) AND ($2::text IS NULL OR m.stream_name > $2)
          GROUP BY m.stream_name ORDER BY m.stream_name LIMIT $3`,
        [prefix, after ?? null, limit],
      );
      return rows.map((r) => ({ streamId: r.stream_name, category: r.category, version: r.version, lastRecordedAt: r.last }));
    },

    async countEvents({ from, to, category }) {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::bigint AS n FROM ${messages} m
          WHERE ($1::timestamptz IS NULL OR m.time >= $1::timestamptz AT TIME ZONE 'UTC')
            AND ($2::timestamptz IS NULL OR m.time < $2::timestamptz AT TIME ZONE 'UTC')
            AND ($3::text IS NULL OR ${qualified(schema, "category")}(m.stream_name) = $3)`,
        [from?.toISOString() ?? null, to?.toISOString() ?? null, category ?? null],
      );
      return rows[0].n;
    },

    check: () => checkMessageDb(pool, schema),
    close: () => pool.end(),
  };
  return source;
};
