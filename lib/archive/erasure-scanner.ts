import "server-only";
import type pg from "pg";
import type { ErasureScanner, PlaintextHit, SubjectHolding } from "../compliance/erasure-scanner";
import { jsonNeedles, loadKeyForProof, tallyEnvelopes } from "../compliance/envelope-proof";
import { getArchiveStore } from "./archive-store";
import { loadSegment } from "./read-archived";
import { parseLines, type ArchivedRow } from "./segment-format";

// Archive segments for the erasure workflow (issue #8's contract): archived events stay sealed
// envelopes (archiving never decrypts), so destroying a subject's key makes the cold copies
// unreadable too; this scanner finds them, proves it, and searches every segment for plaintext.

export const ARCHIVE_SOURCE = "archive segments";

type SegmentRow = { id: number; kind: "cold" | "hold"; category: string; object_key: string; sha256: string; bytes: number; event_count: number };

async function segmentsOf(db: pg.Pool, subjectId: string | null): Promise<SegmentRow[]> {
  const { rows } = await db.query<SegmentRow>(
    `SELECT id, kind, category, object_key, sha256, bytes, event_count FROM archive_segments
      WHERE $1::text IS NULL OR subjects @> ARRAY[$1::text] ORDER BY id`,
    [subjectId],
  );
  return rows;
}

async function subjectRows(segment: SegmentRow, subjectId: string, fresh = false): Promise<ArchivedRow[]> {
  const raw = await loadSegment(getArchiveStore(), segment.object_key, segment.sha256, segment.bytes, { fresh });
  return parseLines(raw).filter((r) => (r.subjects ?? []).includes(subjectId));
}

export const archiveErasureScanner: ErasureScanner = {
  source: ARCHIVE_SOURCE,

  async discover({ db, subjectId }) {
    const counts = new Map<string, { events: number; segments: number }>();
    for (const segment of await segmentsOf(db, subjectId)) {
      const n = (await subjectRows(segment, subjectId)).length;
      if (n === 0) continue;
      const label = `${segment.kind === "hold" ? "legal-hold copies" : "cold"} / ${segment.category}`;
      const c = counts.get(label) ?? { events: 0, segments: 0 };
      c.events += n;
      c.segments += 1;
      counts.set(label, c);
    }
    return [...counts].map(([label, c]): SubjectHolding => ({ source: ARCHIVE_SOURCE, label: `${label} (${c.segments} segment${c.segments === 1 ? "" : "s"})`, count: c.events, href: "/archive" }));
  },

  async checkEnvelopes({ db, subjectId, onProgress }) {
    const key = await loadKeyForProof(db, subjectId);
    const segments = await segmentsOf(db, subjectId);
    const tally = { envelopes: 0, decryptable: 0 };
    for (const [i, segment] of segments.entries()) {
      for (const row of await subjectRows(segment, subjectId, true)) tallyEnvelopes([row.data, row.metadata], subjectId, key, tally);
      onProgress?.(i + 1, segments.length);
    }
    return tally;
  },

  async scanPlaintext({ db, needles, onProgress }) {
    const segments = await segmentsOf(db, null);
    const total = segments.reduce((n, s) => n + s.event_count, 0);
    // Matched as the other scanners match: lower-cased and JSON-escaped, as the value sits in the NDJSON.
    const forms = jsonNeedles(needles);
    if (forms.length === 0) return { scanned: 0, hits: [] };
    const hits: PlaintextHit[] = [];
    let scanned = 0;
    for (const segment of segments) {
      const text = (await loadSegment(getArchiveStore(), segment.object_key, segment.sha256, segment.bytes, { fresh: true })).toString("utf8").toLowerCase();
      if (forms.some((f) => text.includes(f))) hits.push({ source: ARCHIVE_SOURCE, where: `${segment.kind} segment ${segment.object_key}` });
      scanned += segment.event_count;
      onProgress?.(scanned, total);
    }
    return { scanned, hits };
  },
};
