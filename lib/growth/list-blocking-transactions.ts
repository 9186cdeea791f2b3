import "server-only";
import type pg from "pg";
import { getPool } from "../db";

export type BlockingTransaction = {
  pid: number;
  application: string;
  user: string | null;
  database: string | null;
  state: string | null;
  ageSeconds: number;
  xid: string;
  /** The first 200 characters of its current (or last) statement. */
  query: string;
};

/**
 * Open transactions that hold an xid, oldest first. Log readers (rollups, projections, read-all)
 * stop at the oldest such transaction (pg_snapshot_xmin), so these are what keep them behind,
 * whichever database of the cluster the backend is in.
 */
export async function listBlockingTransactions(opts: { minAgeSeconds?: number; limit?: number; db?: pg.Pool } = {}): Promise<BlockingTransaction[]> {
  const { rows } = await (opts.db ?? getPool()).query<BlockingTransaction>(
    `SELECT pid, coalesce(nullif(application_name, ''), '(no application name)') AS application, usename AS "user",
            datname AS database, state, extract(epoch FROM clock_timestamp() - xact_start)::float8 AS "ageSeconds",
            backend_xid::text AS xid, left(query, 200) AS query
       FROM pg_stat_activity
      WHERE backend_xid IS NOT NULL AND xact_start IS NOT NULL AND pid <> pg_backend_pid()
        AND clock_timestamp() - xact_start >= make_interval(secs => $1)
      ORDER BY xact_start LIMIT $2`,
    [opts.minAgeSeconds ?? 0, opts.limit ?? 10],
  );
  return rows;
}
