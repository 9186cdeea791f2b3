import type pg from "pg";

/**
 * What hs_append keeps beside `events`, built for a bench that filled `events` directly with set
 * SQL: one `streams` row per stream (only where `streamId` is given, for that stream alone) and the
 * stream's types in `stream_types`; then the three tables are analysed, so plans see the fill.
 */
export async function summariseFilledEvents(db: Pick<pg.ClientBase, "query">, streamId?: string): Promise<void> {
  const where = streamId === undefined ? "" : "WHERE stream_id = $1";
  const params = streamId === undefined ? [] : [streamId];
  await db.query(
    `INSERT INTO streams (stream_id, category, stream_hash, version, event_count, bytes, first_event_at, last_event_at)
     SELECT stream_id, min(category), min(stream_hash), max(stream_version), count(*), sum(size_bytes), min(recorded_at), max(recorded_at)
       FROM events ${where} GROUP BY stream_id
     ON CONFLICT (stream_id) DO NOTHING`,
    params,
  );
  await db.query(`INSERT INTO stream_types (type, stream_id) SELECT DISTINCT type, stream_id FROM events ${where} ON CONFLICT DO NOTHING`, params);
  for (const table of ["events", "streams", "stream_types"]) await db.query(`VACUUM ANALYZE ${table}`);
}
