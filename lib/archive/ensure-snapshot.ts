import "server-only";
import { getPool } from "../db";
import { schemaRegistry, type SchemaRegistry } from "../schema/registry";
import { snapshotKeyOf } from "../snapshots/upcaster-hash";
import { foldStream } from "../stream-state/fold-stream";
import { reducerFor } from "../stream-state/reducers/reducer-for";

/**
 * The latest version of each stream that a valid snapshot covers (current reducer version and
 * upcaster hash), taking one at `version` first where none reaches it: archiving up to there
 * keeps current state computable from the snapshot plus the hot events after it.
 */
export async function ensureSnapshotsAt(category: string, targets: Map<string, number>, registry: SchemaRegistry = schemaRegistry()): Promise<Map<string, number>> {
  const pool = getPool();
  const key = snapshotKeyOf(reducerFor(category), registry);
  const { rows } = await pool.query<{ stream_id: string; v: number }>(
    `SELECT stream_id, max(stream_version) AS v FROM snapshots
      WHERE stream_id = ANY($1::text[]) AND reducer_version = $2 AND upcaster_hash = $3 AND stream_version <= $4 GROUP BY stream_id`,
    [[...targets.keys()], key.reducerVersion, key.upcasterHash, 2 ** 31 - 1],
  );
  const covered = new Map(rows.map((r) => [r.stream_id, r.v]));
  for (const [streamId, version] of targets) {
    // A snapshot past the target also covers it: the target is then what may go.
    if ((covered.get(streamId) ?? 0) >= version) {
      covered.set(streamId, version);
      continue;
    }
    const folded = await foldStream({ streamId, target: { version }, registry });
    const json = JSON.stringify(folded.state);
    await pool.query(
      `WITH ins AS (
         INSERT INTO snapshots (stream_id, stream_version, reducer_version, upcaster_hash, state, size_bytes)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT DO NOTHING RETURNING 1)
       UPDATE streams SET snapshot_version = greatest(coalesce(snapshot_version, 0), $2) WHERE stream_id = $1`,
      [streamId, version, key.reducerVersion, key.upcasterHash, json, Buffer.byteLength(json)],
    );
    covered.set(streamId, version);
  }
  return covered;
}
