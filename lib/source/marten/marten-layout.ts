import type pg from "pg";
import { qualified } from "../sql-name";

/**
 * How one Marten store was configured, read from its catalog: Marten adds the metadata columns
 * only when enabled, types stream_id by StreamIdentity (uuid or varchar), and leads mt_streams'
 * primary key with tenant_id under conjoined tenancy.
 */
export type MartenLayout = {
  schema: string;
  events: string;
  streams: string;
  guidStreams: boolean;
  conjoined: boolean;
  /** UseTenantPartitionedEvents: each tenant draws seq_id from its own sequence, so seq_id is no global order. */
  perTenantSequences: boolean;
  columns: { correlationId: boolean; causationId: boolean; headers: boolean };
};

export async function readMartenLayout(pool: pg.Pool, schema: string): Promise<MartenLayout | null> {
  const events = qualified(schema, "mt_events");
  const streams = qualified(schema, "mt_streams");
  const { rows } = await pool.query<{ columns: Record<string, string> | null; pk: string[] | null; per_tenant: boolean }>(
    `SELECT (SELECT jsonb_object_agg(column_name, data_type) FROM information_schema.columns
              WHERE table_schema = $1 AND table_name = 'mt_events') AS columns,
            (SELECT array_agg(a.attname::text) FROM pg_index i
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
              WHERE i.indrelid = to_regclass($2) AND i.indisprimary) AS pk,
            EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = $1 AND c.relkind = 'S' AND c.relname LIKE 'mt\\_events\\_sequence\\_%') AS per_tenant`,
    [schema, streams],
  );
  const cols = rows[0].columns;
  if (!cols || !cols.seq_id || !cols.stream_id) return null;
  return {
    schema,
    events,
    streams,
    guidStreams: cols.stream_id === "uuid",
    conjoined: (rows[0].pk ?? []).includes("tenant_id"),
    perTenantSequences: rows[0].per_tenant,
    columns: { correlationId: "correlation_id" in cols, causationId: "causation_id" in cols, headers: "headers" in cols },
  };
}

/** Marten's Tombstone events fill the seq_id of a failed append: they hold a position but are no event. */
export const TOMBSTONE_SQL = "(e.type = 'tombstone' AND COALESCE(e.mt_dotnet_type, '') LIKE '%.Tombstone, %')";

/** Hindsight's stream id: Marten's id, led by the tenant under conjoined tenancy (where (tenant_id, id) is the key). */
export function streamIdSql(l: MartenLayout, alias: string, idColumn: string): string {
  return l.conjoined ? `(${alias}.tenant_id || '/' || ${alias}.${idColumn}::text)` : `${alias}.${idColumn}::text`;
}

/** The category is the stream's aggregate type (mt_streams.type): Marten stream ids say nothing about it. */
export function categorySql(l: MartenLayout): string {
  const tenant = l.conjoined ? " AND s.tenant_id = e.tenant_id" : "";
  return `COALESCE((SELECT s.type FROM ${l.streams} s WHERE s.id = e.stream_id${tenant} LIMIT 1), 'unknown')`;
}

export function eventColumns(l: MartenLayout): string {
  return `e.seq_id AS global_position, e.id::text AS event_id, ${streamIdSql(l, "e", "stream_id")} AS stream_id, e.version AS stream_version,
    ${categorySql(l)} AS category, e.type,
    CASE WHEN jsonb_typeof(e.data) = 'object' THEN e.data ELSE jsonb_build_object('value', e.data) END AS data,
    ${l.columns.headers ? "CASE WHEN jsonb_typeof(e.headers) = 'object' THEN e.headers ELSE '{}'::jsonb END" : "'{}'::jsonb"} AS metadata,
    ${l.columns.correlationId ? "e.correlation_id" : "NULL::text"} AS correlation_id,
    ${l.columns.causationId ? "e.causation_id" : "NULL::text"} AS causation_id,
    e.timestamp AS recorded_at, e.tenant_id`;
}
