import "server-only";
import pg from "pg";
import { poolConfigFromUrl } from "../../db-config";
import { env } from "../../env";
import { hindsightTypes } from "../../pg-types";
import { qualified } from "../sql-name";

/**
 * A small pool to a source's database. Every session is read-only (default_transaction_read_only),
 * so a mistake in Hindsight can never write to a store it only reads, whatever the role may do.
 */
export function openSourcePool(url: string, name: string): pg.Pool {
  const pool = new pg.Pool({
    ...poolConfigFromUrl(url),
    max: env("HINDSIGHT_SOURCE_POOL_SIZE"),
    types: hindsightTypes,
    application_name: `hindsight-source-${name}`,
    options: "-c default_transaction_read_only=on -c statement_timeout=30000",
    connectionTimeoutMillis: 5_000,
  });
  // A source restarting under an idle or held client loses that query, not the process (57P01 is
  // the administrator's shutdown, expected during a restart).
  const report = (e: Error) => {
    if ((e as { code?: string }).code !== "57P01") console.error(`[source] ${name} connection error:`, e.message);
  };
  pool.on("error", report);
  pool.on("connect", (client) => client.on("error", report));
  return pool;
}

/** A table name, qualified (and quoted) by the configured schema when there is one. */
export function qualify(schema: string | null, table: string): string {
  return schema ? qualified(schema, table) : table;
}

/** `LIKE` pattern for an id prefix, its wildcards escaped; null for no prefix. */
export function prefixPattern(prefix: string | undefined): string | null {
  return prefix ? prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + "%" : null;
}
