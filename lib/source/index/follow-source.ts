import "server-only";
import type pg from "pg";
import { getPool } from "../../db";
import { piiOf } from "../../schema/pii";
import { schemaRegistry } from "../../schema/registry";
import { notifyAppended } from "../../store/notify-appended";
import { streamHash } from "../../store/stream-id";
import type { EventSource, SourceEvent } from "../contract";

export const DEFAULT_INDEX_BATCH = 1_000;

export type IndexBatch = { events: number; caughtUp: boolean };

type State = { source_key: string; cursor: string | null };

/**
 * Copies one page of the source's log into the index (source_events, source_streams): each
 * event's place, links and stream hash, never its payload. The page is read outside the index's
 * transaction; the rows and the moved cursor are then written in one transaction fenced on the
 * cursor read, so a page is indexed exactly once however often a follower restarts or overlaps.
 */
export async function indexSourceBatch(source: EventSource, sourceKey: string, limit = DEFAULT_INDEX_BATCH): Promise<IndexBatch> {
  const pool = getPool();
  await pool.query("INSERT INTO source_index_state (source_key) VALUES ($1) ON CONFLICT (id) DO NOTHING", [sourceKey]);
  const { rows } = await pool.query<State>("SELECT source_key, cursor FROM source_index_state");
  const state = rows[0];
  if (state.source_key !== sourceKey) {
    throw new Error(`the source index holds ${state.source_key}, not ${sourceKey}: a database of Hindsight indexes one source (use a new DATABASE_URL for another)`);
  }
  const page = await source.readLog(state.cursor, { limit });
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const moved = await client.query(
      `UPDATE source_index_state SET cursor = $1, events = events + $2, updated_at = now(),
              caught_up_at = CASE WHEN $3 THEN now() ELSE caught_up_at END
        WHERE cursor IS NOT DISTINCT FROM $4`,
      [page.cursor, page.events.length, page.caughtUp, state.cursor],
    );
    if (moved.rowCount !== 1) {
      // Another follower moved the cursor since we read it: its rows stand, ours must not.
      await client.query("ROLLBACK");
      return { events: 0, caughtUp: false };
    }
    if (page.events.length) await writeIndexRows(client, page.events);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
  // Rollups, alerts and projections LISTEN on the same channel as for appends to Hindsight's own store.
  if (page.events.length) notifyAppended();
  return { events: page.events.length, caughtUp: page.caughtUp };
}

async function writeIndexRows(client: pg.PoolClient, events: SourceEvent[]): Promise<void> {
  const depths = await causationDepths(client, events);
  const col = <T>(f: (e: SourceEvent, i: number) => T) => events.map(f);
  await client.query(
    `INSERT INTO source_events (source_position, event_id, stream_id, stream_version, category, stream_hash, type,
                                correlation_id, causation_id, causation_depth, recorded_at, tenant, size_bytes, subjects)
     SELECT p, id, s, v, c, h, t, corr, caus, d, at, tenant, size, CASE WHEN subject IS NULL THEN '{}'::text[] ELSE ARRAY[subject] END
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::text[],
                   $8::text[], $9::text[], $10::int[], $11::timestamptz[], $12::text[], $13::int[], $14::text[])
         AS u(p, id, s, v, c, h, t, corr, caus, d, at, tenant, size, subject)`,
    [
      col((e) => e.globalPosition),
      col((e) => e.eventId),
      col((e) => e.streamId),
      col((e) => e.streamVersion),
      col((e) => e.category),
      col((e) => streamHash(e.streamId)),
      col((e) => e.type),
      col((e) => e.correlationId),
      col((e) => e.causationId),
      col((_, i) => depths[i]),
      col((e) => e.recordedAt),
      col((e) => e.tenant),
      col((e) => e.sizeBytes ?? 0),
      col(subjectOf),
    ],
  );
  const streams = new Map<string, { category: string; version: number; count: number; bytes: number; first: string; last: string }>();
  for (const e of events) {
    const s = streams.get(e.streamId);
    if (!s) streams.set(e.streamId, { category: e.category, version: e.streamVersion, count: 1, bytes: e.sizeBytes ?? 0, first: e.recordedAt, last: e.recordedAt });
    else Object.assign(s, { version: Math.max(s.version, e.streamVersion), count: s.count + 1, bytes: s.bytes + (e.sizeBytes ?? 0), last: e.recordedAt });
  }
  const ids = [...streams.keys()];
  const list = [...streams.values()];
  await client.query(
    `INSERT INTO source_streams AS s (stream_id, category, stream_hash, version, event_count, bytes, first_event_at, last_event_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::bigint[], $6::bigint[], $7::timestamptz[], $8::timestamptz[])
     ON CONFLICT (stream_id) DO UPDATE SET version = greatest(s.version, EXCLUDED.version), event_count = s.event_count + EXCLUDED.event_count,
        bytes = s.bytes + EXCLUDED.bytes, first_event_at = least(s.first_event_at, EXCLUDED.first_event_at),
        last_event_at = greatest(s.last_event_at, EXCLUDED.last_event_at)`,
    [ids, list.map((s) => s.category), ids.map(streamHash), list.map((s) => s.version), list.map((s) => s.count), list.map((s) => s.bytes), list.map((s) => s.first), list.map((s) => s.last)],
  );
}

/** Each event's causation depth: its cause's depth + 1 (the cause in this page or already indexed), 0 without a known cause. */
async function causationDepths(client: pg.PoolClient, events: SourceEvent[]): Promise<number[]> {
  const inPage = new Map<string, number>();
  const outside = [...new Set(events.map((e) => e.causationId).filter((c): c is string => c !== null))];
  const known = new Map<string, number>();
  if (outside.length) {
    const { rows } = await client.query<{ event_id: string; causation_depth: number }>(
      "SELECT event_id, causation_depth FROM source_events WHERE event_id = ANY($1::text[])",
      [outside],
    );
    for (const r of rows) known.set(r.event_id, r.causation_depth);
  }
  return events.map((e) => {
    const cause = e.causationId === null ? undefined : (inPage.get(e.causationId) ?? known.get(e.causationId));
    const depth = cause === undefined ? 0 : cause + 1;
    inPage.set(e.eventId, depth);
    return depth;
  });
}

/**
 * The data subject whose PII the event holds, by the subject and PII paths the domain declares
 * for its type (newest version); null for types without PII, or a subject id the domain cannot give.
 */
function subjectOf(e: SourceEvent): string | null {
  const def = schemaRegistry().get(e.type);
  try {
    return piiOf(def?.versions[def.versions.length - 1], e.data)?.subject ?? null;
  } catch {
    return null;
  }
}
