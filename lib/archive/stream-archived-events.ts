import "server-only";
import { getPool } from "../db";
import { getArchiveStore, type ArchiveStore } from "./archive-store";
import { loadSegment, readArchivedRows } from "./read-archived";
import { parseLines, type ArchivedRow } from "./segment-format";

export type StreamArchivedEventsOptions = ({ streamId: string } | { category: string }) & { store?: ArchiveStore };

/**
 * Yields archived events for rebuilds and replays, exactly as stored (PII sealed, not upcast):
 * a stream's in version order; a category's segment by segment in the order they were archived,
 * each in (stream, version) order — so every stream's events come in version order. Segments are
 * read one at a time, each checked against its SHA-256.
 */
export async function* streamArchivedEvents(opts: StreamArchivedEventsOptions): AsyncGenerator<ArchivedRow> {
  const store = opts.store ?? getArchiveStore();
  if ("streamId" in opts) {
    // Block by block (BLOCK_EVENTS at a time), so a long stream never sits in memory whole.
    const { rows } = await getPool().query<{ from_version: number; to_version: number }>(
      "SELECT from_version, to_version FROM archive_segment_streams WHERE stream_id = $1 AND kind = 'cold' ORDER BY from_version",
      [opts.streamId],
    );
    for (const b of rows) yield* await readArchivedRows({ streamId: opts.streamId, fromVersion: b.from_version, toVersion: b.to_version, store });
    return;
  }
  const { rows } = await getPool().query<{ object_key: string; sha256: string; bytes: number }>(
    "SELECT object_key, sha256, bytes FROM archive_segments WHERE category = $1 AND kind = 'cold' ORDER BY id",
    [opts.category],
  );
  for (const seg of rows) yield* parseLines(await loadSegment(store, seg.object_key, seg.sha256, seg.bytes));
}
