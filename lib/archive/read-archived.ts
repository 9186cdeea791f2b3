import "server-only";
import { gunzipSync } from "node:zlib";
import type pg from "pg";
import { getPool } from "../db";
import { getArchiveStore, type ArchiveStore } from "./archive-store";
import { parseLines, sha256, type ArchivedRow } from "./segment-format";

export type ArchivedRangeOptions = {
  streamId: string;
  /** First version wanted (default 1). */
  fromVersion?: number;
  /** Last version wanted, inclusive (default: everything archived). */
  toVersion?: number;
  /** "cold" (moved out of events, the default) or "hold" (sealed copies; compliance only). */
  kind?: "cold" | "hold";
  store?: ArchiveStore;
  db?: pg.Pool | pg.PoolClient;
};

type Block = { object_key: string; sha256: string; byte_offset: number; byte_length: number; from_version: number; to_version: number };

// A few recently read segments and blocks stay inflated: paging through an archived range reads
// the same block again. Keyed by SHA-256 too, so a rewritten object is never served stale.
const CACHE_SEGMENTS = 4;
const CACHE_BLOCKS = 64;
const segmentCache = new Map<string, Buffer>();
const blockCache = new Map<string, Buffer>();

function remember(cache: Map<string, Buffer>, key: string, value: Buffer, max: number): Buffer {
  cache.delete(key);
  cache.set(key, value);
  while (cache.size > max) cache.delete(cache.keys().next().value!);
  return value;
}

/** Every reader of segments fails loudly and names the segment, whatever the backend threw (permissions, network). */
async function fetchNamed(store: ArchiveStore, key: string, read: () => Promise<Buffer | null>): Promise<Buffer | null> {
  try {
    return await read();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new Error(`archive segment ${key} could not be read from ${store.describe}: ${err.code ?? err.name ?? "error"} ${err.message}`.trim(), { cause: e });
  }
}

/** A whole segment's NDJSON (rebuilds of a category, erasure scans), checked against the SHA-256 its row recorded. */
export async function loadSegment(store: ArchiveStore, key: string, expectedSha: string, expectedBytes: number, opts: { fresh?: boolean } = {}): Promise<Buffer> {
  const cacheKey = `${key}\u0000${expectedSha}`;
  // Proofs (erasure verification) read the store as it is now, never a copy kept from earlier.
  const hit = opts.fresh ? undefined : segmentCache.get(cacheKey);
  if (hit) return remember(segmentCache, cacheKey, hit, CACHE_SEGMENTS);
  const body = await fetchNamed(store, key, () => store.get(key));
  if (!body) throw new Error(`archive segment ${key} is missing from ${store.describe}`);
  if (body.length !== expectedBytes || sha256(body) !== expectedSha) throw new Error(`archive segment ${key} does not match its recorded SHA-256: refusing to read it`);
  return remember(segmentCache, cacheKey, gunzipSync(body), CACHE_SEGMENTS);
}

/** One block's NDJSON: its byte range of the segment, checked against the block's own SHA-256. */
async function loadBlock(store: ArchiveStore, block: Block): Promise<Buffer> {
  const cacheKey = `${block.object_key}\u0000${block.byte_offset}\u0000${block.sha256}`;
  const hit = blockCache.get(cacheKey);
  if (hit) return remember(blockCache, cacheKey, hit, CACHE_BLOCKS);
  const body = await fetchNamed(store, block.object_key, () => store.getRange(block.object_key, block.byte_offset, block.byte_length));
  if (!body) throw new Error(`archive segment ${block.object_key} is missing from ${store.describe}`);
  if (body.length !== block.byte_length || sha256(body) !== block.sha256) {
    throw new Error(`a block of archive segment ${block.object_key} does not match its recorded SHA-256: refusing to read it`);
  }
  return remember(blockCache, cacheKey, gunzipSync(body), CACHE_BLOCKS);
}

/** The raw lines of a stream's archived range, in version order (what hold copies re-seal). */
export async function readArchivedLines(opts: ArchivedRangeOptions): Promise<{ row: ArchivedRow; line: string }[]> {
  const out: { row: ArchivedRow; line: string }[] = [];
  await eachBlock(opts, (raw, skip, take) => {
    const rows = parseLines(raw, skip, take);
    const lines = raw.toString("utf8").split("\n").slice(skip, skip + rows.length);
    rows.forEach((row, i) => out.push({ row, line: lines[i] }));
  });
  return out;
}

/**
 * A stream's archived events in version order, exactly as the events table held them (PII still
 * sealed). Reads only the blocks that hold the range, and parses only the lines asked for.
 */
export async function readArchivedRows(opts: ArchivedRangeOptions): Promise<ArchivedRow[]> {
  const out: ArchivedRow[] = [];
  await eachBlock(opts, (raw, skip, take) => {
    for (const row of parseLines(raw, skip, take)) out.push(row);
  });
  return out;
}

async function eachBlock(opts: ArchivedRangeOptions, visit: (raw: Buffer, skip: number, take: number) => void): Promise<void> {
  const from = opts.fromVersion ?? 1;
  const to = opts.toVersion ?? 2 ** 31 - 1;
  if (to < from) return;
  const store = opts.store ?? getArchiveStore();
  const { rows } = await (opts.db ?? getPool()).query<Block>(
    `SELECT g.object_key, s.sha256, s.byte_offset, s.byte_length, s.from_version, s.to_version
       FROM archive_segment_streams s JOIN archive_segments g ON g.id = s.segment_id
      WHERE s.stream_id = $1 AND s.kind = $2 AND s.to_version >= $3 AND s.from_version <= $4
      ORDER BY s.from_version, s.segment_id`,
    [opts.streamId, opts.kind ?? "cold", from, to],
  );
  for (const block of rows) {
    // Versions within a block are consecutive: the wanted ones are a run of lines.
    const skip = Math.max(0, from - block.from_version);
    const take = Math.min(to, block.to_version) - Math.max(from, block.from_version) + 1;
    visit(await loadBlock(store, block), skip, take);
  }
}

/** How far a stream is archived (0: nothing), from the streams row. */
export async function archivedThrough(streamId: string, db: pg.Pool | pg.PoolClient = getPool()): Promise<number> {
  const { rows } = await db.query<{ archived_through: number }>("SELECT archived_through FROM streams WHERE stream_id = $1", [streamId]);
  return rows[0]?.archived_through ?? 0;
}

/** The archived version recorded last at or before `at` (0 when none), for time travel into the cold range. */
export async function archivedVersionAt(streamId: string, at: string): Promise<number> {
  const { rows } = await getPool().query<{ from_version: number; to_version: number; before: boolean }>(
    `SELECT from_version, to_version, last_recorded_at <= $2::timestamptz AS before FROM archive_segment_streams
      WHERE stream_id = $1 AND kind = 'cold' AND first_recorded_at <= $2::timestamptz ORDER BY from_version DESC LIMIT 1`,
    [streamId, at],
  );
  const piece = rows[0];
  if (!piece) return 0;
  if (piece.before) return piece.to_version;
  const events = await readArchivedRows({ streamId, fromVersion: piece.from_version, toVersion: piece.to_version });
  const limit = micros(at);
  let found = piece.from_version - 1;
  for (const e of events) if (micros(e.recorded_at) <= limit) found = e.stream_version;
  return found;
}

/** An RFC 3339 time as microseconds since the epoch (Date keeps only milliseconds). */
export function micros(t: string): bigint {
  const m = /^(.*T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (!m) return BigInt(Date.parse(t)) * 1000n;
  const frac = (m[2] ?? ".0").slice(1).padEnd(6, "0").slice(0, 6);
  return BigInt(Date.parse(m[1] + (m[3] ?? "Z"))) * 1000n + BigInt(frac);
}
