import "server-only";
import type { ErasureScanner, PlaintextHit } from "../erasure-scanner";
import { envelopePrefix, jsonNeedles, loadKeyForProof, tallyEnvelopes } from "../envelope-proof";

const PAGE = 500;
const MAX_HITS = 50;

/** Folded states for time travel: snapshots whose state holds the subject's envelopes. */
export const snapshotsScanner: ErasureScanner = {
  source: "snapshots",

  async discover({ db, subjectId }) {
    const { rows } = await db.query<{ stream_id: string; n: number }>(
      `SELECT stream_id, count(*)::int AS n FROM snapshots WHERE strpos(state::text, $1) > 0 GROUP BY stream_id ORDER BY stream_id LIMIT 1000`,
      [envelopePrefix(subjectId)],
    );
    return rows.map((r) => ({ source: "snapshots", label: r.stream_id, count: r.n, href: `/streams/${encodeURIComponent(r.stream_id)}` }));
  },

  async checkEnvelopes({ db, subjectId, onProgress }) {
    const key = await loadKeyForProof(db, subjectId);
    const tally = { envelopes: 0, decryptable: 0 };
    const { rows } = await db.query<{ state: unknown }>("SELECT state FROM snapshots WHERE strpos(state::text, $1) > 0", [envelopePrefix(subjectId)]);
    for (const r of rows) tallyEnvelopes(r.state, subjectId, key, tally);
    onProgress?.(rows.length, rows.length);
    return tally;
  },

  async scanPlaintext({ db, needles, onProgress }) {
    const search = jsonNeedles(needles);
    const hits: PlaintextHit[] = [];
    if (search.length === 0) return { scanned: 0, hits };
    const total = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM snapshots");
    let scanned = 0;
    let after: [string, number] = ["", 0];
    for (;;) {
      const { rows } = await db.query<{ stream_id: string; stream_version: number; hit: boolean }>(
        `SELECT stream_id, stream_version,
                EXISTS (SELECT 1 FROM unnest($3::text[]) n WHERE strpos(lower(state::text), n) > 0) AS hit
           FROM snapshots WHERE (stream_id, stream_version) > ($1, $2) ORDER BY stream_id, stream_version LIMIT ${PAGE}`,
        [after[0], after[1], search],
      );
      scanned += rows.length;
      for (const r of rows) if (r.hit && hits.length < MAX_HITS) hits.push({ source: "snapshots", where: `${r.stream_id} @ version ${r.stream_version}` });
      onProgress?.(scanned, total.rows[0].n);
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1];
      after = [last.stream_id, last.stream_version];
    }
    return { scanned, hits };
  },
};
