import "server-only";
import type pg from "pg";
import type { ErasureScanner, PlaintextHit, SubjectHolding } from "../compliance/erasure-scanner";
import { envelopePrefix, loadKeyForProof, tallyEnvelopes } from "../compliance/envelope-proof";

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
    const hits: PlaintextHit[] = [];
    const wanted = needles.map((n) => n.toLowerCase()).filter(Boolean);
    const { rows: total } = await db.query<{ n: number }>("SELECT count(*)::bigint AS n FROM projection_rows");
    let scanned = 0;
    let after = "";
    let afterVersion = 0;
    // Paged by (version_id, key) so a large projection does not travel in one result.
    for (;;) {
      const { rows } = await db.query<{ name: string; version_id: number; key: string; text: string }>(
        `SELECT v.name, r.version_id, r.key, lower(r.state::text) AS text
           FROM projection_rows r JOIN projection_versions v ON v.id = r.version_id
          WHERE (r.version_id, r.key) > ($1::bigint, $2::text) ORDER BY r.version_id, r.key LIMIT 5000`,
        [afterVersion, after],
      );
      if (!rows.length) break;
      for (const r of rows) {
        if (wanted.some((n) => r.text.includes(n))) hits.push({ source: "projection rows", where: `${r.name} #${r.version_id} key ${r.key}` });
      }
      scanned += rows.length;
      afterVersion = rows[rows.length - 1].version_id;
      after = rows[rows.length - 1].key;
      onProgress?.(scanned, total[0].n);
    }
    return { scanned, hits };
  },
};
