import "server-only";
import { getPool } from "../db";
import { getArchiveStore } from "./archive-store";

export type ArchiveSegmentInfo = {
  id: number;
  kind: "cold" | "hold";
  holdId: string | null;
  objectKey: string;
  category: string;
  firstStreamId: string;
  lastStreamId: string;
  streamCount: number;
  minPosition: number;
  maxPosition: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  eventCount: number;
  eventBytes: number;
  bytes: number;
  sha256: string;
  createdAt: string;
};

const SEGMENT_COLUMNS = `id, kind, hold_id AS "holdId", object_key AS "objectKey", category, first_stream_id AS "firstStreamId", last_stream_id AS "lastStreamId",
  stream_count AS "streamCount", min_position AS "minPosition", max_position AS "maxPosition", first_recorded_at AS "firstRecordedAt",
  last_recorded_at AS "lastRecordedAt", event_count AS "eventCount", event_bytes AS "eventBytes", bytes, sha256, created_at AS "createdAt"`;

/** The newest cold segments (what moved out of the hot table). */
export async function listColdSegments(limit = 50): Promise<ArchiveSegmentInfo[]> {
  const { rows } = await getPool().query<ArchiveSegmentInfo>(`SELECT ${SEGMENT_COLUMNS} FROM archive_segments WHERE kind = 'cold' ORDER BY id DESC LIMIT $1`, [limit]);
  return rows;
}

/** Sealed hold segments, newest first: only for compliance (the caller checks holds.manage or erasure.request). */
export async function listHoldSegments(opts: { holdId?: string; limit?: number } = {}): Promise<ArchiveSegmentInfo[]> {
  const { rows } = await getPool().query<ArchiveSegmentInfo>(
    `SELECT ${SEGMENT_COLUMNS} FROM archive_segments WHERE kind = 'hold' AND ($1::uuid IS NULL OR hold_id = $1) ORDER BY id DESC LIMIT $2`,
    [opts.holdId ?? null, opts.limit ?? 100],
  );
  return rows;
}

export type ArchiveRunInfo = {
  id: number;
  category: string;
  trigger: string;
  status: "running" | "succeeded" | "failed" | "skipped";
  startedAt: string;
  finishedAt: string | null;
  segments: number;
  events: number;
  eventBytes: number;
  bytes: number;
  heldBack: number;
  orphans: number;
  error: string | null;
};

/** The latest policy runs, failures included. */
export async function listArchiveRuns(limit = 20): Promise<ArchiveRunInfo[]> {
  const { rows } = await getPool().query<ArchiveRunInfo>(
    `SELECT id, category, trigger, status, started_at AS "startedAt", finished_at AS "finishedAt", segments, events, event_bytes AS "eventBytes",
            bytes, held_back AS "heldBack", orphans, error
       FROM archive_runs ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

export type StorageTiers = {
  hot: { events: number; bytes: number; tableBytes: number };
  cold: { events: number; eventBytes: number; bytes: number; segments: number };
  hold: { events: number; bytes: number; segments: number };
  /** Where cold and hold segments are kept. */
  store: string;
};

/**
 * Storage by tier without scanning events: hot = every stream's counts minus what was archived;
 * cold and hold from the segment rows; the events table's size on disk from PostgreSQL.
 */
export async function getStorageTiers(): Promise<StorageTiers> {
  const { rows } = await getPool().query<{
    total_events: number; total_bytes: number; table_bytes: number;
    cold_events: number; cold_event_bytes: number; cold_bytes: number; cold_segments: number;
    hold_events: number; hold_bytes: number; hold_segments: number;
  }>(
    `SELECT (SELECT coalesce(sum(event_count), 0) FROM streams)::bigint AS total_events,
            (SELECT coalesce(sum(bytes), 0) FROM streams)::bigint AS total_bytes,
            pg_total_relation_size('events')::bigint AS table_bytes,
            coalesce(sum(event_count) FILTER (WHERE kind = 'cold'), 0)::bigint AS cold_events,
            coalesce(sum(event_bytes) FILTER (WHERE kind = 'cold'), 0)::bigint AS cold_event_bytes,
            coalesce(sum(bytes) FILTER (WHERE kind = 'cold'), 0)::bigint AS cold_bytes,
            count(*) FILTER (WHERE kind = 'cold')::bigint AS cold_segments,
            coalesce(sum(event_count) FILTER (WHERE kind = 'hold'), 0)::bigint AS hold_events,
            coalesce(sum(bytes) FILTER (WHERE kind = 'hold'), 0)::bigint AS hold_bytes,
            count(*) FILTER (WHERE kind = 'hold')::bigint AS hold_segments
       FROM archive_segments`,
  );
  const r = rows[0];
  return {
    hot: { events: r.total_events - r.cold_events, bytes: r.total_bytes - r.cold_event_bytes, tableBytes: r.table_bytes },
    cold: { events: r.cold_events, eventBytes: r.cold_event_bytes, bytes: r.cold_bytes, segments: r.cold_segments },
    hold: { events: r.hold_events, bytes: r.hold_bytes, segments: r.hold_segments },
    store: getArchiveStore().describe,
  };
}

/** Categories with streams, largest first, for the policy form's suggestions. */
export async function listCategories(limit = 100): Promise<string[]> {
  const { rows } = await getPool().query<{ category: string }>("SELECT category FROM streams GROUP BY category ORDER BY count(*) DESC, category LIMIT $1", [limit]);
  return rows.map((r) => r.category);
}
