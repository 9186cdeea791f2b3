import "server-only";
import type pg from "pg";
import type { ErasureScanner, PlaintextHit, SubjectHolding } from "../compliance/erasure-scanner";
import { envelopePrefix, jsonNeedles, loadKeyForProof, tallyEnvelopes } from "../compliance/envelope-proof";

const PAGE = 5000;
const MAX_HITS = 50;

type RowHit = { name: string; version_id: number; code_version: number; key: string; state: unknown };

/** The stored projection rows (every version not discarded) that hold an envelope of the subject. */
export async function subjectRows(db: pg.Pool | pg.ClientBase, subjectId: string): Promise<RowHit[]> {
  const { rows } = await db.query<RowHit>(
    `SELECT v.name, r.version_id, v.code_version, r.key, r.state
       FROM projection_rows r JOIN projection_versions v ON v.id = r.version_id
      WHERE v.status <> 'discarded' AND strpos(r.state::text, $1) > 0
      ORDER BY v.name, r.version_id, r.key`,
    [envelopePrefix(subjectId)],
  );
  return rows;
}

/**
 * Projection rows as a place where a subject's data lives: the user directory's entry for them
 * and any other row that copied one of their envelopes. Rows hold envelopes, never plaintext,
 * so shredding the subject key erases them too; the plaintext scan proves it.
 */
export const projectionRowsScanner: ErasureScanner = {
  source: "projection rows",

  async discover({ db, subjectId }) {
    const rows = await subjectRows(db, subjectId);
    const byVersion = new Map<string, SubjectHolding>();
    for (const r of rows) {
      const label = `${r.name} v${r.code_version} (#${r.version_id})`;
      const holding = byVersion.get(label) ?? { source: "projection rows", label, count: 0, href: `/projections/${r.name}` };
      holding.count++;
      byVersion.set(label, holding);
    }
    return [...byVersion.values()];
  },

  async checkEnvelopes({ db, subjectId, onProgress }) {
    const rows = await subjectRows(db, subjectId);
    const key = await loadKeyForProof(db, subjectId);
    const tally = { envelopes: 0, decryptable: 0 };
    rows.forEach((r, i) => {
      tallyEnvelopes(r.state, subjectId, key, tally);
      onProgress?.(i + 1, rows.length);
    });
    return tally;
  },

  async scanPlaintext({ db, needles, onProgress }) {
    const search = jsonNeedles(needles);
    const hits: PlaintextHit[] = [];
    if (search.length === 0) return { scanned: 0, hits };
    const { rows: total } = await db.query<{ n: number }>("SELECT count(*)::bigint AS n FROM projection_rows");
    let scanned = 0;
    let after: [number, string] = [0, ""];
    // Paged by (version_id, key) so a large projection does not travel in one result; the match runs in SQL.
    for (;;) {
      const { rows } = await db.query<{ name: string; version_id: number; key: string; hit: boolean }>(
        `SELECT v.name, r.version_id, r.key,
                EXISTS (SELECT 1 FROM unnest($3::text[]) n WHERE strpos(lower(r.state::text), n) > 0) AS hit
           FROM projection_rows r JOIN projection_versions v ON v.id = r.version_id
          WHERE (r.version_id, r.key) > ($1::bigint, $2::text) ORDER BY r.version_id, r.key LIMIT ${PAGE}`,
        [after[0], after[1], search],
      );
      scanned += rows.length;
      for (const r of rows) if (r.hit && hits.length < MAX_HITS) hits.push({ source: "projection rows", where: `${r.name} #${r.version_id} key ${r.key}` });
      onProgress?.(scanned, Number(total[0].n));
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1];
      after = [last.version_id, last.key];
    }
    return { scanned, hits };
  },
};
