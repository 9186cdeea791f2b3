import "server-only";
import { logTables } from "../../source/log-tables";
import type { ErasureScanner, PlaintextHit, SubjectHolding } from "../erasure-scanner";
import { jsonNeedles, loadKeyForProof, tallyEnvelopes } from "../envelope-proof";

const PAGE = 5000;
const SWEEP_PAGE = 20_000;
const MAX_HITS = 50;

/** The event store: the subject's events (by category and type) and streams; the whole log for plaintext. */
export const eventsScanner: ErasureScanner = {
  source: "events",

  async discover({ db, subjectId }) {
    // Over a source, the index's subjects (set from the domain's declared PII paths as events are indexed).
    const events = logTables().events;
    const { rows } = await db.query<{ category: string; type: string; events: number; streams: number }>(
      `SELECT category, type, count(*)::int AS events, count(DISTINCT stream_id)::int AS streams FROM ${events}
        WHERE subjects <> '{}' AND subjects @> ARRAY[$1]::text[] GROUP BY category, type ORDER BY category, type`,
      [subjectId],
    );
    const streams = await db.query<{ category: string; stream_id: string }>(
      `SELECT DISTINCT category, stream_id FROM ${events} WHERE subjects <> '{}' AND subjects @> ARRAY[$1]::text[] ORDER BY stream_id LIMIT 1000`,
      [subjectId],
    );
    const holdings: SubjectHolding[] = rows.map((r) => ({
      source: "events",
      label: `${r.category} / ${r.type}`,
      count: r.events,
      href: `/streams?category=${encodeURIComponent(r.category)}`,
    }));
    for (const s of streams.rows) holdings.push({ source: "streams", label: s.stream_id, count: 1, href: `/streams/${encodeURIComponent(s.stream_id)}` });
    return holdings;
  },

  async checkEnvelopes({ db, subjectId, onProgress }) {
    const key = await loadKeyForProof(db, subjectId);
    const tally = { envelopes: 0, decryptable: 0 };
    const total = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE subjects <> '{}' AND subjects @> ARRAY[$1]::text[]", [subjectId]);
    let after = 0;
    let scanned = 0;
    for (;;) {
      const { rows } = await db.query<{ global_position: number; data: unknown; metadata: unknown }>(
        `SELECT global_position, data, metadata FROM events WHERE subjects <> '{}' AND subjects @> ARRAY[$1]::text[] AND global_position > $2
          ORDER BY global_position LIMIT ${PAGE}`,
        [subjectId, after],
      );
      for (const r of rows) {
        tallyEnvelopes(r.data, subjectId, key, tally);
        tallyEnvelopes(r.metadata, subjectId, key, tally);
      }
      scanned += rows.length;
      onProgress?.(scanned, total.rows[0].n);
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].global_position;
    }
    return tally;
  },

  async scanPlaintext({ db, needles, onProgress }) {
    const search = jsonNeedles(needles);
    const hits: PlaintextHit[] = [];
    const bounds = await db.query<{ lo: number | null; hi: number | null }>("SELECT min(global_position) AS lo, max(global_position) AS hi FROM events");
    const total = await db.query<{ n: number }>("SELECT coalesce(sum(event_count), 0)::bigint AS n FROM streams");
    if (bounds.rows[0].lo === null || search.length === 0) return { scanned: 0, hits };
    let scanned = 0;
    for (let lo = bounds.rows[0].lo - 1; lo < bounds.rows[0].hi!; lo += SWEEP_PAGE) {
      // Counted and searched in one pass over the page (by primary-key range), in the database.
      const { rows } = await db.query<{ n: number; hits: { p: number; s: string }[] | null }>(
        `SELECT count(*)::int AS n,
                jsonb_agg(jsonb_build_object('p', global_position, 's', stream_id)) FILTER (WHERE hit) AS hits
           FROM (SELECT global_position, stream_id,
                        EXISTS (SELECT 1 FROM unnest($3::text[]) n
                                 WHERE strpos(lower(data::text), n) > 0 OR strpos(lower(metadata::text), n) > 0 OR strpos(lower(stream_id), n) > 0) AS hit
                   FROM events WHERE global_position > $1 AND global_position <= $2) page`,
        [lo, lo + SWEEP_PAGE, search],
      );
      scanned += rows[0].n;
      for (const h of rows[0].hits ?? []) if (hits.length < MAX_HITS) hits.push({ source: "events", where: `${h.s} @ position ${h.p}` });
      onProgress?.(scanned, total.rows[0].n);
    }
    return { scanned, hits };
  },
};
