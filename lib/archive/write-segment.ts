import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import type { ArchiveStore } from "./archive-store";
import { coldKey, coldPrefix, HOLD_PREFIX, isOwnColdKey, isOwnHoldKey } from "./object-keys";
import { encodeChunks, manifestKey, SEGMENT_LINE_SQL, verifySegment, type SegmentManifest, type StreamChunk } from "./segment-format";

/** A version range of one stream: versions (after, through]. */
export type StreamRange = { streamId: string; after: number; through: number };

/** The steps of archiving a segment where a crash must lose and duplicate nothing. */
export type FailPoint = "after-write" | "after-verify" | "before-commit";

/** Called at each fail point; production passes none, the crash tests one from lib/testing/archive-faults.ts. */
export type FaultHook = (at: FailPoint) => Promise<void>;

/**
 * These ranges as per-stream chunks of NDJSON, rendered and concatenated by PostgreSQL: one row
 * per stream instead of one per event, so Node never handles events one by one. Each range is an
 * aggregate over its own index range (a plain join of the ranges with events is planned as a
 * scan of the whole table).
 */
export async function selectChunks(db: pg.Pool | pg.PoolClient, ranges: StreamRange[]): Promise<StreamChunk[]> {
  const { rows } = await db.query<Omit<StreamChunk, "subjects"> & { subjects: string[][] | null }>(
    `SELECT r.s AS "streamId", c.* FROM unnest($1::text[], $2::int[], $3::int[]) WITH ORDINALITY AS r(s, f, t, n)
     CROSS JOIN LATERAL (
       SELECT min(e.stream_version) AS "fromVersion", max(e.stream_version) AS "toVersion",
              min(e.recorded_at) AS "firstRecordedAt", max(e.recorded_at) AS "lastRecordedAt",
              min(e.global_position) AS "minPosition", max(e.global_position) AS "maxPosition", count(*)::int AS count,
              sum(e.size_bytes)::bigint AS "eventBytes",
              jsonb_agg(DISTINCT to_jsonb(e.subjects)) FILTER (WHERE e.subjects <> '{}') AS subjects,
              string_agg(${SEGMENT_LINE_SQL} || E'\\n', '' ORDER BY e.stream_version) AS text
         FROM events e WHERE e.stream_id = r.s AND e.stream_version > r.f AND e.stream_version <= r.t) c
     ORDER BY r.n`,
    [ranges.map((r) => r.streamId), ranges.map((r) => r.after), ranges.map((r) => r.through)],
  );
  return rows.map((c) => ({ ...c, subjects: [...new Set((c.subjects ?? []).flat())].sort() }));
}

/** The row ids (ctid) of these ranges, each found through its own index range (see selectChunks). */
const RANGE_CTIDS = `ARRAY(SELECT x.ctid FROM unnest($1::text[], $2::int[], $3::int[]) AS r(s, f, t)
  CROSS JOIN LATERAL (SELECT ctid FROM events WHERE stream_id = r.s AND stream_version > r.f AND stream_version <= r.t OFFSET 0) x)`;

/** A deterministic key from what the segment holds: a rerun over the same range writes the same object. */
export function coldSegmentKey(category: string, ranges: StreamRange[], minPos: number, maxPos: number): string {
  const digest = createHash("sha256").update(ranges.map((r) => `${r.streamId}\u0000${r.after}\u0000${r.through}`).join("\n")).digest("hex").slice(0, 16);
  return coldKey(category, minPos, maxPos, digest);
}

/** Writes an object and its manifest, reads the object back and checks it; returns its manifest. */
export async function writeVerified(store: ArchiveStore, body: Buffer, manifest: SegmentManifest, faults?: FaultHook): Promise<void> {
  await store.put(manifest.key, body);
  await store.put(manifestKey(manifest.key), Buffer.from(JSON.stringify(manifest, null, 1)));
  await faults?.("after-write");
  verifySegment(await store.get(manifest.key), manifest);
  await faults?.("after-verify");
}

/** Records a segment row and its per-stream ranges through `client` (inside the caller's transaction). */
export async function insertSegmentRow(client: pg.PoolClient, m: SegmentManifest, policyCategory: string | null): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO archive_segments (kind, hold_id, object_key, category, first_stream_id, last_stream_id, stream_count, min_position, max_position,
                                   first_recorded_at, last_recorded_at, event_count, event_bytes, bytes, sha256, subjects, policy_category)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [m.kind, m.holdId, m.key, m.category, m.streams[0].streamId, m.streams[m.streams.length - 1].streamId, new Set(m.streams.map((s) => s.streamId)).size,
     m.positions.min, m.positions.max, m.recordedAt.first, m.recordedAt.last, m.count, m.eventBytes, m.bytes, m.sha256, m.subjects, policyCategory],
  );
  const id = rows[0].id;
  await client.query(
    `INSERT INTO archive_segment_streams (segment_id, kind, stream_id, from_version, to_version, first_recorded_at, last_recorded_at, byte_offset, byte_length, sha256)
     SELECT $1, $2, s, f, t, fa, la, o, l, h
       FROM unnest($3::text[], $4::int[], $5::int[], $6::timestamptz[], $7::timestamptz[], $8::bigint[], $9::bigint[], $10::text[]) AS x(s, f, t, fa, la, o, l, h)`,
    [id, m.kind, ...(["streamId", "fromVersion", "toVersion", "firstRecordedAt", "lastRecordedAt", "byteOffset", "byteLength", "sha256"] as const).map((k) => m.streams.map((s) => s[k]))],
  );
  return id;
}

export type ArchiveSegmentResult = {
  segmentId: number;
  key: string;
  events: number;
  eventBytes: number;
  bytes: number;
  /** Milliseconds per step (the bench reports them). */
  timings: { select: number; encode: number; writeVerify: number; commit: number };
};

/**
 * Moves these ranges out of `events` into one cold segment: render the lines, write the object
 * under a deterministic key, read it back and verify it, and only then, in one short transaction,
 * record the segment, keep the ids, delete the rows and advance each stream's archived_through —
 * fenced on the archived_through seen, so a second run (or a crashed one's retry) that lost the
 * race changes nothing. A crash before the commit leaves an orphan object that the next run
 * removes or overwrites; the rows are still hot, so nothing is lost and nothing counted twice.
 */
export async function archiveSegment(opts: { db: pg.Pool; store: ArchiveStore; category: string; ranges: StreamRange[]; faults?: FaultHook }): Promise<ArchiveSegmentResult> {
  const { ranges } = opts;
  const expected = ranges.reduce((n, r) => n + (r.through - r.after), 0);
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - mark);
    mark = now;
    return ms;
  };
  const chunks = await selectChunks(opts.db, ranges);
  const select = lap();
  const found = chunks.reduce((n, c) => n + c.count, 0);
  const contiguous = chunks.every((c) => c.toVersion - c.fromVersion + 1 === c.count);
  if (found !== expected || !contiguous) throw new Error(`expected ${expected} hot events in ${ranges.length} stream range(s), found ${found}: another archiver ran first?`);
  const minPos = Math.min(...chunks.map((c) => c.minPosition));
  const maxPos = Math.max(...chunks.map((c) => c.maxPosition));
  const key = coldSegmentKey(opts.category, ranges, minPos, maxPos);
  const { body, manifest } = encodeChunks({ kind: "cold", holdId: null, key, category: opts.category, chunks });
  const encode = lap();
  await writeVerified(opts.store, body, manifest, opts.faults);
  const writeVerify = lap();

  const segmentId = await inTransaction(async (client) => {
    const id = await insertSegmentRow(client, manifest, opts.category);
    const cols = [ranges.map((r) => r.streamId), ranges.map((r) => r.after), ranges.map((r) => r.through)];
    const moved = await client.query(
      `WITH d AS (DELETE FROM events e WHERE e.ctid = ANY(${RANGE_CTIDS}) RETURNING e.event_id, e.causation_depth)
       INSERT INTO archived_event_ids (event_id, segment_id, causation_depth) SELECT event_id, $4, causation_depth FROM d`,
      [...cols, id],
    );
    if (moved.rowCount !== expected) throw new Error(`deleted ${moved.rowCount} events, expected ${expected}: rolled back`);
    const fenced = await client.query(
      `UPDATE streams s SET archived_through = r.t FROM unnest($1::text[], $2::int[], $3::int[]) AS r(s, f, t)
        WHERE s.stream_id = r.s AND s.archived_through = r.f`,
      cols,
    );
    if (fenced.rowCount !== ranges.length) throw new Error("another archiver moved these streams first: rolled back");
    await opts.faults?.("before-commit");
    return id;
  });
  return { segmentId, key, events: manifest.count, eventBytes: manifest.eventBytes, bytes: manifest.bytes, timings: { select, encode, writeVerify, commit: lap() } };
}

/**
 * Deletes objects under `prefix` that carry this release's naming (`isOwn`) and that no segment
 * row records (with their manifests): what a crash between writing a segment and committing it
 * leaves behind. Anything else under the prefix, and any key the database records, is left
 * alone. Call it only while holding the lock that keeps other writers of this prefix out.
 */
export async function removeOrphans(store: ArchiveStore, prefix: string, isOwn: (key: string) => boolean, db: pg.Pool | pg.PoolClient = getPool()): Promise<number> {
  const keys = (await store.list(prefix)).filter((k) => k.startsWith(prefix) && isOwn(k));
  if (keys.length === 0) return 0;
  const segmentOf = (k: string) => (k.endsWith(MANIFEST_SUFFIX) ? k.slice(0, -MANIFEST_SUFFIX.length) : k);
  const { rows } = await db.query<{ object_key: string }>("SELECT object_key FROM archive_segments WHERE object_key = ANY($1::text[])", [[...new Set([...keys, ...keys.map(segmentOf)])]]);
  const recorded = new Set(rows.map((r) => r.object_key));
  let removed = 0;
  for (const key of keys) {
    if (recorded.has(key) || recorded.has(segmentOf(key))) continue;
    await store.delete(key);
    if (key === segmentOf(key)) removed++;
  }
  return removed;
}

const MANIFEST_SUFFIX = ".manifest.json";

/** Orphans of a category's crashed cold runs, in that category's own folder only. */
export function removeColdOrphans(store: ArchiveStore, category: string): Promise<number> {
  const prefix = coldPrefix(category);
  return removeOrphans(store, prefix, (k) => isOwnColdKey(prefix, k));
}

/** Orphans of crashed hold copies. */
export function removeHoldOrphans(store: ArchiveStore): Promise<number> {
  return removeOrphans(store, HOLD_PREFIX, isOwnHoldKey);
}
