import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BLOCK_EVENTS, encodeSegment, parseLines, verifySegment, type SegmentLine } from "./segment-format";

function lines(streamId: string, n: number, subjects: string[] = []): SegmentLine[] {
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString().replace("Z", "+00:00");
    const row = { event_id: `e-${streamId}-${i + 1}`, stream_id: streamId, stream_version: i + 1, global_position: 10 + i, recorded_at: at, data: { n: i, s: "q\"uote" }, subjects };
    return { stream_id: streamId, stream_version: i + 1, global_position: 10 + i, recorded_at: at, size_bytes: 20, subjects, line: JSON.stringify(row) };
  });
}

describe("segment format", () => {
  it("given two streams, when encoded, then the manifest counts, ranges and blocks describe exactly what the gzip holds", () => {
    const input = [...lines("a-1", BLOCK_EVENTS + 5, ["u1"]), ...lines("a-2", 3)];
    const { body, manifest } = encodeSegment({ kind: "cold", holdId: null, key: "cold/a/x.ndjson.gz", category: "a", lines: input });
    expect(manifest).toMatchObject({ count: BLOCK_EVENTS + 8, eventBytes: 20 * (BLOCK_EVENTS + 8), subjects: ["u1"], positions: { min: 10, max: 10 + BLOCK_EVENTS + 4 } });
    expect(manifest.streams.map((s) => [s.streamId, s.fromVersion, s.toVersion])).toEqual([
      ["a-1", 1, BLOCK_EVENTS],
      ["a-1", BLOCK_EVENTS + 1, BLOCK_EVENTS + 5],
      ["a-2", 1, 3],
    ]);
    // Each block is its own gzip member at its byte range; the whole file inflates to every line in order.
    const second = manifest.streams[1];
    const block = gunzipSync(body.subarray(second.byteOffset, second.byteOffset + second.byteLength));
    expect(parseLines(block).map((r) => r.stream_version)).toEqual([1001, 1002, 1003, 1004, 1005]);
    expect(second.firstRecordedAt).toBe(parseLines(block)[0].recorded_at);
    const raw = verifySegment(body, manifest);
    expect(raw.toString().split("\n").filter(Boolean)).toEqual(input.map((l) => l.line));
  });

  it("given a tampered or truncated object, then verification refuses it", () => {
    const { body, manifest } = encodeSegment({ kind: "cold", holdId: null, key: "k", category: "a", lines: lines("a-1", 10) });
    const flipped = Buffer.from(body);
    flipped[flipped.length - 5] ^= 1;
    expect(() => verifySegment(flipped, manifest)).toThrow(/does not match its manifest/);
    expect(() => verifySegment(body.subarray(0, body.length - 1), manifest)).toThrow(/does not match its manifest/);
    expect(() => verifySegment(null, manifest)).toThrow(/missing/);
  });

  it("parses a run of lines after skipping some, with times in RFC 3339 with microseconds", () => {
    const raw = Buffer.from(lines("a-1", 6).map((l) => l.line).join("\n") + "\n");
    const rows = parseLines(raw, 2, 3);
    expect(rows.map((r) => r.stream_version)).toEqual([3, 4, 5]);
    expect(rows[0].recorded_at).toBe("2026-01-01T00:00:02.000000+00:00");
    expect(rows[0].data).toEqual({ n: 2, s: "q\"uote" });
    expect(parseLines(raw, 5, 10).map((r) => r.stream_version)).toEqual([6]);
    expect(parseLines(raw, 6)).toEqual([]);
  });
});
