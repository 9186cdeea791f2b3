import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { pgTimestampToRfc3339 } from "../time";
import type { EventRow } from "../store/event-view";

// A segment is gzip-compressed NDJSON: one stored event per line, exactly as the events row held
// it (data and metadata as stored, PII still sealed in envelopes: archiving never decrypts). Empty
// metadata and subjects are NULL in rows written since 20261204007200_events_bytes, null in lines.

/** A line of a segment: the events row, column for column. */
export type ArchivedRow = EventRow & { category: string; stream_hash: number; subjects: string[] | null; size_bytes: number };

/**
 * The SQL expression that renders an events row (alias `e`) as its segment line. PostgreSQL
 * writes the JSON, so archiving a million events never parses their payloads in Node. Plain
 * concatenation (strings escaped by to_json, data and metadata as jsonb prints them) is about
 * three times cheaper than json_build_object here.
 */
export const SEGMENT_LINE_SQL = `('{"event_id":"' || e.event_id || '","stream_id":' || to_json(e.stream_id) || ',"category":' || to_json(e.category)
  || ',"stream_hash":' || e.stream_hash || ',"stream_version":' || e.stream_version || ',"global_position":' || e.global_position
  || ',"type":' || to_json(e.type) || ',"schema_version":' || e.schema_version || ',"data":' || e.data || ',"metadata":' || coalesce(e.metadata::text, 'null')
  || ',"correlation_id":' || coalesce('"' || e.correlation_id || '"', 'null') || ',"causation_id":' || coalesce('"' || e.causation_id || '"', 'null')
  || ',"causation_depth":' || e.causation_depth || ',"subjects":' || coalesce(to_json(e.subjects)::text, 'null') || ',"recorded_at":' || to_json(e.recorded_at)
  || ',"size_bytes":' || e.size_bytes || ',"tx_id":"' || e.tx_id || '"}')`;

/**
 * A block of one stream's consecutive events inside a segment: its own gzip member (a segment is
 * a multi-member gzip file, so `gunzip` still reads it whole), found by its compressed byte range
 * and checked by its own SHA-256. Reading a few versions fetches and inflates one block, not the
 * whole segment.
 */
export type SegmentStreamRange = {
  streamId: string;
  fromVersion: number;
  toVersion: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  byteOffset: number;
  byteLength: number;
  sha256: string;
};

/** Events per gzip member: a 1 000-event page reads one or two blocks. */
export const BLOCK_EVENTS = 1000;

/** What a segment holds; stored beside it as `<key>.manifest.json` and in archive_segments. */
export type SegmentManifest = {
  format: "hindsight-archive-segment/1";
  kind: "cold" | "hold";
  holdId: string | null;
  key: string;
  category: string;
  streams: SegmentStreamRange[];
  positions: { min: number; max: number };
  recordedAt: { first: string; last: string };
  count: number;
  /** Sum of the events' size_bytes (what they weighed in the hot table's payload columns). */
  eventBytes: number;
  /** Bytes of the compressed object. */
  bytes: number;
  /** SHA-256 of the compressed object, hex. */
  sha256: string;
  subjects: string[];
};

/** A line as the archiver receives it from PostgreSQL. */
export type SegmentLine = { stream_id: string; stream_version: number; global_position: number; recorded_at: string; size_bytes: number; subjects: string[]; line: string };

/** One stream's consecutive versions in a segment, already rendered as NDJSON text. */
export type StreamChunk = {
  streamId: string;
  fromVersion: number;
  toVersion: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  minPosition: number;
  maxPosition: number;
  count: number;
  eventBytes: number;
  subjects: string[];
  /** The lines, each ending in a newline. */
  text: string;
};

/** Groups lines in (stream, version) order into per-stream chunks. */
export function chunksOfLines(lines: SegmentLine[]): StreamChunk[] {
  const chunks: StreamChunk[] = [];
  const texts: string[][] = [];
  for (const l of lines) {
    const c = chunks[chunks.length - 1];
    if (c && c.streamId === l.stream_id && c.toVersion === l.stream_version - 1) {
      c.toVersion = l.stream_version;
      c.lastRecordedAt = l.recorded_at;
      c.minPosition = Math.min(c.minPosition, l.global_position);
      c.maxPosition = Math.max(c.maxPosition, l.global_position);
      c.count++;
      c.eventBytes += l.size_bytes;
      for (const s of l.subjects) if (!c.subjects.includes(s)) c.subjects.push(s);
      texts[texts.length - 1].push(l.line);
    } else {
      chunks.push({ streamId: l.stream_id, fromVersion: l.stream_version, toVersion: l.stream_version, firstRecordedAt: l.recorded_at, lastRecordedAt: l.recorded_at,
        minPosition: l.global_position, maxPosition: l.global_position, count: 1, eventBytes: l.size_bytes, subjects: [...l.subjects], text: "" });
      texts.push([l.line]);
    }
  }
  chunks.forEach((c, i) => (c.text = texts[i].join("\n") + "\n"));
  return chunks;
}

/** Builds the compressed object and its manifest from lines in (stream, version) order. */
export function encodeSegment(input: { kind: "cold" | "hold"; holdId: string | null; key: string; category: string; lines: SegmentLine[] }): { body: Buffer; manifest: SegmentManifest } {
  if (input.lines.length === 0) throw new Error("a segment needs at least one event");
  return encodeChunks({ ...input, chunks: chunksOfLines(input.lines) });
}

/** Builds the compressed object and its manifest from per-stream chunks in (stream, version) order. */
export function encodeChunks(input: { kind: "cold" | "hold"; holdId: string | null; key: string; category: string; chunks: StreamChunk[] }): { body: Buffer; manifest: SegmentManifest } {
  const { chunks } = input;
  if (chunks.length === 0) throw new Error("a segment needs at least one event");
  const streams: SegmentStreamRange[] = [];
  const members: Buffer[] = [];
  const subjects = new Set<string>();
  let offset = 0;
  let first = chunks[0].firstRecordedAt;
  let last = chunks[0].lastRecordedAt;
  for (const c of chunks) {
    const lines = c.text.split("\n");
    lines.pop(); // the text ends in a newline
    for (let i = 0; i < lines.length; i += BLOCK_EVENTS) {
      const block = lines.slice(i, i + BLOCK_EVENTS);
      // Level 1: event JSON is repetitive enough that faster levels lose little ratio, and archiving
      // a million events is bound by this step's CPU.
      const member = gzipSync(Buffer.from(block.join("\n") + "\n"), { level: 1 });
      members.push(member);
      streams.push({
        streamId: c.streamId,
        fromVersion: c.fromVersion + i,
        toVersion: c.fromVersion + i + block.length - 1,
        firstRecordedAt: i === 0 ? c.firstRecordedAt : recordedAtOf(block[0]),
        lastRecordedAt: i + block.length === lines.length ? c.lastRecordedAt : recordedAtOf(block[block.length - 1]),
        byteOffset: offset,
        byteLength: member.length,
        sha256: sha256(member),
      });
      offset += member.length;
    }
    if (c.firstRecordedAt < first) first = c.firstRecordedAt;
    if (c.lastRecordedAt > last) last = c.lastRecordedAt;
    for (const s of c.subjects) subjects.add(s);
  }
  const body = Buffer.concat(members);
  const manifest: SegmentManifest = {
    format: "hindsight-archive-segment/1",
    kind: input.kind,
    holdId: input.holdId,
    key: input.key,
    category: input.category,
    streams,
    positions: { min: Math.min(...chunks.map((c) => c.minPosition)), max: Math.max(...chunks.map((c) => c.maxPosition)) },
    recordedAt: { first, last },
    count: chunks.reduce((n, c) => n + c.count, 0),
    eventBytes: chunks.reduce((n, c) => n + c.eventBytes, 0),
    bytes: body.length,
    sha256: sha256(body),
    subjects: [...subjects].sort(),
  };
  return { body, manifest };
}

function recordedAtOf(line: string): string {
  return pgTimestampToRfc3339((JSON.parse(line) as { recorded_at: string }).recorded_at);
}

export function sha256(body: Buffer): string {
  return createHash("sha256").update(body).digest("hex");
}

/**
 * Checks an object read back from the store against its manifest: same bytes (SHA-256), and it
 * decompresses to exactly `count` lines. Returns the uncompressed NDJSON.
 */
export function verifySegment(body: Buffer | null, manifest: Pick<SegmentManifest, "key" | "sha256" | "bytes" | "count">): Buffer {
  if (!body) throw new Error(`segment ${manifest.key} is missing from the archive store`);
  const digest = sha256(body);
  if (body.length !== manifest.bytes || digest !== manifest.sha256) {
    throw new Error(`segment ${manifest.key} does not match its manifest (sha256 ${digest.slice(0, 12)}…, expected ${manifest.sha256.slice(0, 12)}…)`);
  }
  const raw = gunzipSync(body);
  let lines = 0;
  for (let i = raw.indexOf(10); i !== -1; i = raw.indexOf(10, i + 1)) lines++;
  if (lines !== manifest.count) throw new Error(`segment ${manifest.key} holds ${lines} events, its manifest says ${manifest.count}`);
  return raw;
}

/** Parses uncompressed NDJSON into rows shaped like an events read: all lines, or `take` lines after skipping `skip`. */
export function parseLines(raw: Buffer, skip = 0, take = Infinity): ArchivedRow[] {
  let start = 0;
  for (let i = 0; i < skip && start !== -1; i++) {
    const nl = raw.indexOf(10, start);
    start = nl === -1 ? -1 : nl + 1;
  }
  const rows: ArchivedRow[] = [];
  while (start !== -1 && start < raw.length && rows.length < take) {
    const nl = raw.indexOf(10, start);
    const end = nl === -1 ? raw.length : nl;
    if (end > start) {
      const row = JSON.parse(raw.toString("utf8", start, end)) as ArchivedRow;
      row.recorded_at = pgTimestampToRfc3339(row.recorded_at);
      rows.push(row);
    }
    start = nl === -1 ? -1 : nl + 1;
  }
  return rows;
}

/** The manifest object's key beside its segment. */
export function manifestKey(segmentKey: string): string {
  return `${segmentKey}.manifest.json`;
}
