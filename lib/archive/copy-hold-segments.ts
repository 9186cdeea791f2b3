import "server-only";
import { inTransaction } from "../db-transaction";
import { getPool } from "../db";
import type { ArchiveStore } from "./archive-store";
import { readArchivedLines } from "./read-archived";
import { encodeSegment, SEGMENT_LINE_SQL, type SegmentLine } from "./segment-format";
import { listStandingHolds, type StandingHold } from "./standing-holds";
import { holdKey } from "./object-keys";
import { insertSegmentRow, removeHoldOrphans, writeVerified } from "./write-segment";

export type CopyHoldsResult = { holds: number; segments: number; events: number; bytes: number; orphans: number };

// Streams of a category hold are copied this many at a time per run (a category can be large).
const MAX_STREAMS_PER_HOLD = 500;

/**
 * Seals copies of held events into hold segments under `hold/<holdId>/`: for each standing hold
 * and each stream it covers, the events appended since the last copy (hot and, for events
 * archived before the hold was placed, cold), filtered to the subject for subject holds. The
 * originals stay where they are; the policy run never archives held events away. A hold segment
 * is written once and never overwritten (its key names the stream and version range).
 */
export async function copyHoldSegments(opts: { store: ArchiveStore; holdIds?: string[] }): Promise<CopyHoldsResult> {
  const result: CopyHoldsResult = { holds: 0, segments: 0, events: 0, bytes: 0, orphans: 0 };
  // One copier at a time (policy runs of several categories may call this together), so removing
  // orphans never races an object another copier is about to record.
  const lock = await getPool().connect();
  try {
    const { rows } = await lock.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended('hindsight.archive.holds', 0)) AS ok");
    if (!rows[0].ok) return result;
    try {
      result.orphans = await removeHoldOrphans(opts.store);
      const holds = (await listStandingHolds()).filter((h) => !opts.holdIds || opts.holdIds.includes(h.id));
      result.holds = holds.length;
      for (const hold of holds) {
        for (const stream of await heldStreams(hold)) {
          const copied = await copyStream(opts.store, hold, stream);
          if (!copied) continue;
          result.segments++;
          result.events += copied.events;
          result.bytes += copied.bytes;
        }
      }
    } finally {
      await lock.query("SELECT pg_advisory_unlock(hashtextextended('hindsight.archive.holds', 0))");
    }
  } finally {
    lock.release();
  }
  return result;
}

type HeldStream = { stream_id: string; category: string; version: number; copied_through: number };

async function heldStreams(hold: StandingHold): Promise<HeldStream[]> {
  const where =
    hold.scope === "stream"
      ? "s.stream_id = $2"
      : hold.scope === "category"
        ? "s.category = $2"
        : `(s.stream_id IN (SELECT DISTINCT stream_id FROM events WHERE subjects @> ARRAY[$2::text])
            OR s.stream_id IN (SELECT ss.stream_id FROM archive_segments g JOIN archive_segment_streams ss ON ss.segment_id = g.id
                                WHERE g.kind = 'cold' AND g.subjects @> ARRAY[$2::text]))`;
  const { rows } = await getPool().query<HeldStream>(
    `SELECT s.stream_id, s.category, s.version, coalesce(c.copied_through, 0) AS copied_through
       FROM streams s LEFT JOIN archive_hold_copies c ON c.hold_id = $1 AND c.stream_id = s.stream_id
      WHERE ${where} AND s.version > coalesce(c.copied_through, 0)
      ORDER BY s.stream_id LIMIT ${MAX_STREAMS_PER_HOLD}`,
    [hold.id, hold.target],
  );
  return rows;
}

async function copyStream(store: ArchiveStore, hold: StandingHold, stream: HeldStream): Promise<{ events: number; bytes: number } | null> {
  const through = stream.version;
  const cold = await readArchivedLines({ streamId: stream.stream_id, fromVersion: stream.copied_through + 1, toVersion: through, store });
  const hot = await getPool().query<SegmentLine>(
    `SELECT e.stream_id, e.stream_version, e.global_position, e.recorded_at, e.size_bytes, coalesce(e.subjects, '{}') AS subjects, ${SEGMENT_LINE_SQL} AS line
       FROM events e WHERE e.stream_id = $1 AND e.stream_version > $2 AND e.stream_version <= $3 ORDER BY e.stream_version`,
    [stream.stream_id, stream.copied_through, through],
  );
  const coldLines: SegmentLine[] = cold.map(({ row, line }) => ({ ...row, subjects: row.subjects ?? [], line }));
  let lines = [...coldLines, ...hot.rows.filter((r) => !coldLines.some((c) => c.stream_version === r.stream_version))];
  if (hold.scope === "subject") lines = lines.filter((l) => l.subjects.includes(hold.target));
  const key = holdKey(hold.id, stream.stream_id, stream.copied_through + 1, through);
  let written: { events: number; bytes: number } | null = null;
  if (lines.length > 0) {
    const { body, manifest } = encodeSegment({ kind: "hold", holdId: hold.id, key, category: stream.category, lines });
    await writeVerified(store, body, manifest);
    written = { events: manifest.count, bytes: manifest.bytes };
    await inTransaction(async (client) => {
      await insertSegmentRow(client, manifest, null);
      await advance(client, hold.id, stream, through);
    });
  } else {
    await inTransaction((client) => advance(client, hold.id, stream, through));
  }
  return written;
}

async function advance(client: import("pg").PoolClient, holdId: string, stream: HeldStream, through: number): Promise<void> {
  // Fenced: a concurrent copier that got here first makes this one roll back (its segment row too).
  const { rowCount } = await client.query(
    `INSERT INTO archive_hold_copies AS c (hold_id, stream_id, copied_through) VALUES ($1, $2, $4)
     ON CONFLICT (hold_id, stream_id) DO UPDATE SET copied_through = $4 WHERE c.copied_through = $3`,
    [holdId, stream.stream_id, stream.copied_through, through],
  );
  if (rowCount !== 1) throw new Error(`hold ${holdId}: stream ${stream.stream_id} was copied by another run`);
}
