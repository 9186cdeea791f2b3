import "server-only";
import type { EventSource, LogPage, OpenSource, SourceCapabilities, SourceEvent, StreamSummary } from "../contract";
import { logOrderSql } from "../log-order";
import { openSourcePool, prefixPattern, qualify } from "../shared/source-pool";
import { decodeXidCursor, encodeXidCursor } from "../shared/xid-cursor";
import { ownStoreOnly } from "../shared/capabilities";

const CURSOR = "em1:";

type Row = {
  event_id: string;
  stream_id: string;
  stream_version: number;
  global_position: number;
  category: string;
  type: string;
  data: SourceEvent["data"];
  metadata: SourceEvent["metadata"];
  recorded_at: string;
  tenant: string;
  size_bytes: number;
  tx_id: string;
};

const CAPABILITIES: SourceCapabilities = { ...ownStoreOnly("Emmett"), erasureDiscovery: { ok: true } };

/**
 * Emmett (0.36 and later: emt_messages / emt_streams, LIST-partitioned by partition). Its
 * transaction_id is xid8 like Hindsight's tx_id, so the log is read with the same gap-safe order;
 * commands (message_kind 'C') and archived rows are not events of the log.
 */
export const openEmmettSource: OpenSource = ({ url, schema }) => {
  const pool = openSourcePool(url, "emmett");
  const messages = qualify(schema, "emt_messages");
  const streams = qualify(schema, "emt_streams");
  const from = `${messages} m LEFT JOIN ${streams} s ON s.stream_id = m.stream_id AND s.partition = m.partition AND s.is_archived = m.is_archived`;
  // Emmett names a stream's type by the prefix before the first "-" and 'emt:unknown' otherwise; Hindsight's rule then takes the whole id.
  const columns = `m.message_id AS event_id, m.stream_id, m.stream_position AS stream_version, m.global_position,
    coalesce(nullif(s.stream_type, 'emt:unknown'), split_part(m.stream_id, '-', 1)) AS category,
    m.message_type AS type, m.message_data AS data, m.message_metadata AS metadata, m.created AS recorded_at,
    m.partition AS tenant, octet_length(m.message_data::text) + octet_length(m.message_metadata::text) AS size_bytes,
    m.transaction_id::text AS tx_id`;
  const isEvent = ["m.message_kind = 'E'", "m.is_archived = false"];
  const readLogSql = logOrderSql({ select: columns, from, tx: "m.transaction_id", position: "m.global_position", afterTx: "$1", afterPosition: "$2", where: isEvent, limit: "$3" });
  return {
    kind: "emmett",
    capabilities: CAPABILITIES,
    async readLog(after, { limit }): Promise<LogPage> {
      const start = decodeXidCursor(CURSOR, after);
      const { rows } = await pool.query<Row>(readLogSql, [start.txId, start.position, limit]);
      const last = rows[rows.length - 1];
      const cursor = encodeXidCursor(CURSOR, last ? { txId: last.tx_id, position: last.global_position } : start);
      return { events: rows.map(toSourceEvent), cursor, caughtUp: rows.length < limit };
    },
    async readStream(streamId, opts = {}) {
      const { rows } = await pool.query<Row>(
        `SELECT ${columns} FROM ${from} WHERE m.stream_id = $1 AND m.stream_position BETWEEN $2 AND $3 AND ${isEvent.join(" AND ")}
          ORDER BY m.stream_position LIMIT $4`,
        [streamId, opts.fromVersion ?? 1, opts.toVersion ?? Number.MAX_SAFE_INTEGER, opts.limit ?? 1000],
      );
      return rows.map(toSourceEvent);
    },
    async getEvents(eventIds) {
      if (!eventIds.length) return [];
      // Emmett has no index on message_id: callers that know the stream (from Hindsight's index) use readStream.
      const { rows } = await pool.query<Row>(`SELECT ${columns} FROM ${from} WHERE m.message_id = ANY($1::text[]) AND ${isEvent.join(" AND ")}`, [eventIds]);
      return rows.map(toSourceEvent);
    },
    async listStreams({ prefix, after, limit }) {
      const { rows } = await pool.query<StreamSummary>(
        `SELECT stream_id AS "streamId", coalesce(nullif(stream_type, 'emt:unknown'), split_part(stream_id, '-', 1)) AS category,
                stream_position::int AS version, NULL AS "lastRecordedAt"
           FROM ${streams} WHERE is_archived = false AND ($1::text IS NULL OR stream_id LIKE $1) AND ($2::text IS NULL OR stream_id > $2)
          ORDER BY stream_id LIMIT $3`,
        [prefixPattern(prefix), after ?? null, limit],
      );
      return rows;
    },
    async countEvents({ from: since, to, category }) {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*) AS n FROM ${from} WHERE ${isEvent.join(" AND ")}
            AND ($1::timestamptz IS NULL OR m.created >= $1) AND ($2::timestamptz IS NULL OR m.created < $2)
            AND ($3::text IS NULL OR coalesce(nullif(s.stream_type, 'emt:unknown'), split_part(m.stream_id, '-', 1)) = $3)`,
        [since ?? null, to ?? null, category ?? null],
      );
      return rows[0].n;
    },
    async check() {
      const problems: string[] = [];
      for (const [sql, name] of [[messages, "emt_messages"], [streams, "emt_streams"]]) {
        // Named for people as the configuration reads; queried by the quoted name.
        const table = schema ? `"${schema}".${name}` : name;
        try {
          await pool.query(`SELECT 1 FROM ${sql} LIMIT 1`);
        } catch (e) {
          const err = e as { code?: string; message: string };
          if (err.code === "42P01") problems.push(`there is no ${table} table${schema ? "" : " on the search path"}: is this an Emmett 0.36+ store (set HINDSIGHT_SOURCE_SCHEMA if its tables live in another schema)?`);
          else if (err.code === "42501") problems.push(`the role cannot read ${table}: GRANT SELECT on it (a read-only role is enough)`);
          else problems.push(err.message);
        }
      }
      return { ok: problems.length === 0, problems };
    },
    close: () => pool.end(),
  };
};

function toSourceEvent(r: Row): SourceEvent {
  const meta = r.metadata ?? {};
  const text = (v: unknown) => (typeof v === "string" && v ? v : null);
  return {
    eventId: r.event_id,
    streamId: r.stream_id,
    streamVersion: r.stream_version,
    globalPosition: r.global_position,
    category: r.category,
    type: r.type,
    data: r.data,
    metadata: meta,
    correlationId: text(meta.correlationId),
    causationId: text(meta.causationId),
    recordedAt: r.recorded_at,
    tenant: r.tenant,
    sizeBytes: r.size_bytes,
  };
}
