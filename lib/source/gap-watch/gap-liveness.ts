import type pg from "pg";

export type GapLivenessOptions = {
  /** Rule out sessions idle in a transaction that holds no xid: sound only where taking a position and inserting its row are one statement. */
  idleWithoutXidCannotHold: boolean;
};

/**
 * Whether every gap seen at `seenAt` is final: no transaction that was open then is still open.
 *
 * Why that is enough: a missing position at or below the observation's ceiling was handed out
 * (nextval) before a higher position committed, so before the snapshot that showed the gap, so
 * its transaction started before `seenAt`. Once no such transaction is open, it has committed
 * (and a read after this check sees the row) or rolled back (and the position is dead for good).
 *
 * - Sessions of other roles are hidden without pg_read_all_stats: a hidden session counts as open.
 * - Autovacuum workers and WAL senders take no positions: a long vacuum of the table must not hold gaps.
 * - A prepared transaction keeps its positions but has no session: any one in this database counts.
 * - On a standby the primary's transactions are invisible: no gap is ever final there.
 * - Must run as its own statement in its own transaction, before the read that relies on it:
 *   pg_stat_activity is sampled once per transaction, and the read's snapshot must come after it.
 */
export async function gapIsFinal(pool: pg.Pool, seenAt: bigint, opts: GapLivenessOptions): Promise<boolean> {
  const { rows } = await pool.query<{ final: boolean }>(
    `SELECT NOT pg_is_in_recovery()
        AND NOT EXISTS (
              SELECT 1 FROM pg_stat_activity a
               WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
                 AND (a.query = '<insufficient privilege>'
                      OR (a.xact_start IS NOT NULL AND a.backend_type NOT IN ('autovacuum worker', 'walsender')
                          AND (extract(epoch FROM a.xact_start) * 1000000)::bigint <= $1::bigint
                          AND NOT ($2::boolean AND a.state = 'idle in transaction' AND a.backend_xid IS NULL))))
        AND NOT EXISTS (SELECT 1 FROM pg_prepared_xacts p WHERE p.database = current_database()) AS final`,
    [seenAt.toString(), opts.idleWithoutXidCannotHold],
  );
  return rows[0].final;
}

/** The SQL expression for "now" in epoch microseconds, read during execution, so after the statement's snapshot. */
export const SEEN_AT_SQL = "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint";
