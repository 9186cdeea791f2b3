import "server-only";
import { schemaRegistry, type JsonObject } from "../schema/registry";
import { loadSourceEvents } from "./load-source-events";

/** What a projection batch reads of an event: the index gives the place, the source the rest. */
type BatchRow = { event_id: string; stream_id: string; type: string; schema_version: number; data: JsonObject };

/** The index's columns in the shape the projection readers select from `events` (payload filled in by attachSourcePayloads). */
export const INDEX_EVENT_FIELDS = "event_id, stream_id, stream_hash, stream_version, type, 1 AS schema_version, '{}'::jsonb AS data, tx_id, global_position, recorded_at";

/**
 * Fills in the payloads of index rows from the source (rebuilds and followers of projections over
 * a source). Source data carries no Hindsight schema version: it is taken as the type's newest, so
 * nothing is upcast. An indexed event the source no longer holds stops the batch with its id.
 */
export async function attachSourcePayloads<T extends BatchRow>(rows: T[]): Promise<T[]> {
  if (!rows.length) return rows;
  const found = await loadSourceEvents(rows.map((r) => r.event_id));
  for (const r of rows) {
    const e = found.get(r.event_id);
    if (!e) throw new Error(`event ${r.event_id} of stream ${r.stream_id} is in the source index but no longer in the source`);
    r.data = e.data;
    r.schema_version = schemaRegistry().latestVersion(r.type) ?? 1;
  }
  return rows;
}
