import { sql } from "./cluster";

export type StoreBytes = {
  events: number;
  /** On-disk bytes per event of the heap (with TOAST) and of each index. */
  heap: number;
  indexes: Record<string, number>;
  /** Average stored bytes per event of each column (pg_column_size; NULL counts 0). */
  columns: Record<string, number>;
  total: number;
};

/** What each index and column of `events` costs per event: the breakdown behind bytes/event. */
export async function measureStoreBytes(url: string, sample = 100_000): Promise<StoreBytes> {
  const [count] = await sql(url, "SELECT count(*)::bigint AS n, pg_total_relation_size('events')::bigint AS total, (pg_relation_size('events') + coalesce(pg_total_relation_size(reltoastrelid), 0))::bigint AS heap FROM events, pg_class WHERE pg_class.oid = 'events'::regclass GROUP BY reltoastrelid");
  const n = Math.max(1, Number(count.rows[0].n));
  const [idx] = await sql(url, "SELECT c.relname AS name, pg_relation_size(c.oid)::bigint AS b FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'events'::regclass ORDER BY 2 DESC");
  const [cols] = await sql(url, "SELECT attname FROM pg_attribute WHERE attrelid = 'events'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
  const names = cols.rows.map((r) => r.attname as string);
  const avgs = names.map((c) => `avg(coalesce(pg_column_size(${c}), 0))::float8 AS "${c}"`).join(", ");
  const [colSizes] = await sql(url, `SELECT ${avgs}, avg(pg_column_size(e.*))::float8 AS "(whole row)" FROM (SELECT * FROM events ORDER BY global_position DESC LIMIT ${sample}) e`);
  const round = (b: number) => Math.round(b * 10) / 10;
  return {
    events: n,
    heap: round(Number(count.rows[0].heap) / n),
    indexes: Object.fromEntries(idx.rows.map((r) => [r.name as string, round(Number(r.b) / n)])),
    columns: Object.fromEntries(Object.entries(colSizes.rows[0]).map(([k, v]) => [k, round(Number(v))])),
    total: round(Number(count.rows[0].total) / n),
  };
}
