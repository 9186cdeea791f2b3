import "server-only";
import { getPool } from "../db";
import type { SourceEvent } from "./contract";
import { getSource } from "./open-source";

/**
 * Payloads of indexed events, by event id. The index says where each one sits, so the source is
 * read by stream and version range (its primary key on every store) rather than by id, which no
 * source needs to index. Ids the index does not hold are left out.
 */
export async function loadSourceEvents(eventIds: string[]): Promise<Map<string, SourceEvent>> {
  const found = new Map<string, SourceEvent>();
  if (!eventIds.length) return found;
  const { rows } = await getPool().query<{ stream_id: string; lo: number; hi: number }>(
    `SELECT stream_id, min(stream_version) AS lo, max(stream_version) AS hi FROM source_events
      WHERE event_id = ANY($1::text[]) GROUP BY stream_id`,
    [eventIds],
  );
  const wanted = new Set(eventIds);
  const source = getSource();
  const pages = await Promise.all(rows.map((r) => source.readStream(r.stream_id, { fromVersion: r.lo, toVersion: r.hi, limit: r.hi - r.lo + 1 })));
  for (const e of pages.flat()) if (wanted.has(e.eventId)) found.set(e.eventId, e);
  return found;
}
