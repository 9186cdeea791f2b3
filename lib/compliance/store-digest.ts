import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import type { ScanProgress } from "./erasure-scanner";
import type { StoreDigestRecord } from "./erasure-request";
import { envelopePrefix } from "./envelope-proof";

const PAGE = 20_000;

/**
 * A digest of every row that is NOT the subject's: events not naming the subject and snapshots
 * not holding its envelopes, byte for byte (each row's full text form). Taken before execution
 * and again after it with the same cut (the rows visible in the first digest's MVCC snapshot;
 * snapshots created by then), so the two must match when nobody else's data changed.
 */
export async function digestOtherRows(opts: {
  db: pg.Pool;
  subjectId: string;
  /** Reuse the cut of an earlier digest; without it, the cut is now. */
  cut?: Pick<StoreDigestRecord, "snapshot" | "at">;
  onProgress?: ScanProgress;
}): Promise<StoreDigestRecord> {
  const { db, subjectId } = opts;
  const cut =
    opts.cut ??
    (
      await db.query<{ snapshot: string; at: string }>("SELECT pg_current_snapshot()::text AS snapshot, clock_timestamp() AS at")
    ).rows[0];
  const hash = createHash("sha256");
  const bounds = await db.query<{ lo: number | null; hi: number | null }>("SELECT min(global_position) AS lo, max(global_position) AS hi FROM events");
  const total = await db.query<{ n: number }>("SELECT coalesce(sum(event_count), 0)::bigint AS n FROM streams");
  let events = 0;
  let seen = 0;
  if (bounds.rows[0].lo !== null) {
    for (let lo = bounds.rows[0].lo - 1; lo < bounds.rows[0].hi!; lo += PAGE) {
      const { rows } = await db.query<{ n: number; seen: number; md5: string | null }>(
        `SELECT count(*) FILTER (WHERE mine IS NOT TRUE)::int AS n, count(*)::int AS seen,
                md5(string_agg(t, '' ORDER BY global_position) FILTER (WHERE mine IS NOT TRUE)) AS md5
           FROM (SELECT global_position, e::text AS t, (subjects <> '{}' AND subjects @> ARRAY[$4]::text[]) AS mine
                   FROM events e WHERE global_position > $1 AND global_position <= $2 AND pg_visible_in_snapshot(tx_id, $3::pg_snapshot)) page`,
        [lo, lo + PAGE, cut.snapshot, subjectId],
      );
      events += rows[0].n;
      seen += rows[0].seen;
      if (rows[0].md5) hash.update(rows[0].md5);
      opts.onProgress?.(seen, total.rows[0].n);
    }
  }
  hash.update("|snapshots|");
  const snaps = await db.query<{ n: number; md5: string | null }>(
    `SELECT count(*)::int AS n, md5(string_agg(s::text, '' ORDER BY stream_id, stream_version, reducer_version, upcaster_hash)) AS md5
       FROM snapshots s WHERE created_at <= $1 AND strpos(state::text, $2) = 0`,
    [cut.at, envelopePrefix(subjectId)],
  );
  if (snaps.rows[0].md5) hash.update(snaps.rows[0].md5);
  return { snapshot: cut.snapshot, at: cut.at, events, snapshots: snaps.rows[0].n, digest: hash.digest("hex") };
}
