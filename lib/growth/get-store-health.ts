import "server-only";
import fs from "node:fs/promises";
import { getPool } from "../db";
import { listBlockingTransactions, type BlockingTransaction } from "./list-blocking-transactions";

export type RelationHealth = {
  relation: string;
  tableBytes: number;
  indexBytes: number;
  liveRows: number;
  deadRows: number;
  lastVacuum: string | null;
  /** Table + index bytes gained since the sample nearest to a day ago (null before the first such sample). */
  growthBytes: number | null;
  growthSince: string | null;
};

export type StoreHealth = {
  relations: RelationHealth[];
  database: { bytes: number };
  disk: { path: string; freeBytes: number; totalBytes: number } | { unknown: string };
  blocking: BlockingTransaction[];
};

const SAMPLE_EVERY = "1 hour";

/**
 * Records the size of every table of the store, at most once an hour (the alert loop calls it on
 * each pass): the health panel's growth figures compare with these samples.
 */
export async function recordStoreSizeSample(): Promise<boolean> {
  const { rowCount } = await getPool().query(
    `INSERT INTO store_size_samples (at, relation, table_bytes, index_bytes)
     SELECT now(), c.relname, pg_table_size(c.oid), pg_indexes_size(c.oid)
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
        AND NOT EXISTS (SELECT 1 FROM store_size_samples WHERE at > now() - interval '${SAMPLE_EVERY}')`,
  );
  return (rowCount ?? 0) > 0;
}

/** Table and index sizes with their growth, dead rows, free disk and the transactions holding log readers back. */
export async function getStoreHealth(opts: { limit?: number } = {}): Promise<StoreHealth> {
  const pool = getPool();
  const [relations, db, dataDir, blocking] = await Promise.all([
    pool.query<RelationHealth>(
      `WITH past AS (
         SELECT DISTINCT ON (relation) relation, at, table_bytes + index_bytes AS bytes
           FROM store_size_samples WHERE at <= now() - interval '${SAMPLE_EVERY}'
          ORDER BY relation, abs(extract(epoch FROM now() - interval '1 day' - at))
       )
       SELECT c.relname AS relation, pg_table_size(c.oid)::bigint AS "tableBytes", pg_indexes_size(c.oid)::bigint AS "indexBytes",
              coalesce(s.n_live_tup, 0)::bigint AS "liveRows", coalesce(s.n_dead_tup, 0)::bigint AS "deadRows",
              greatest(s.last_vacuum, s.last_autovacuum) AS "lastVacuum",
              (pg_table_size(c.oid) + pg_indexes_size(c.oid) - past.bytes)::bigint AS "growthBytes", past.at AS "growthSince"
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
         LEFT JOIN past ON past.relation = c.relname
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
        ORDER BY pg_total_relation_size(c.oid) DESC LIMIT $1`,
      [opts.limit ?? 12],
    ),
    pool.query<{ bytes: number }>("SELECT pg_database_size(current_database())::bigint AS bytes"),
    pool.query<{ dir: string | null; local: boolean }>(
      // The data directory is readable by superusers and pg_read_all_settings; a server on another host has its own disk.
      `SELECT CASE WHEN pg_has_role('pg_read_all_settings', 'member') OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                   THEN current_setting('data_directory') END AS dir,
              coalesce(inet_server_addr() IS NULL OR host(inet_server_addr()) IN ('127.0.0.1', '::1'), false) AS local`,
    ),
    listBlockingTransactions({ limit: 5 }),
  ]);
  return { relations: relations.rows, database: db.rows[0], disk: await diskOf(dataDir.rows[0]), blocking };
}

async function diskOf(row: { dir: string | null; local: boolean }): Promise<StoreHealth["disk"]> {
  if (!row.dir) return { unknown: "the database role may not read the data directory setting" };
  if (!row.local) return { unknown: "PostgreSQL runs on another host" };
  try {
    const s = await fs.statfs(row.dir);
    return { path: row.dir, freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return { unknown: `the data directory ${row.dir} is not visible from this machine` };
  }
}
