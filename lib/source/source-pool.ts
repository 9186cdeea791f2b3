import pg from "pg";
import { hindsightTypes } from "../pg-types";

/**
 * The pool an adapter reads its source through: Hindsight's value parsing (bigint as number,
 * timestamps as RFC 3339 with microseconds), a name the source's operators can spot in
 * pg_stat_activity, and listeners so a source restarting under an idle or held client loses
 * that query, not the process.
 */
export function openSourcePool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, types: hindsightTypes, max: 4, connectionTimeoutMillis: 5_000, application_name: "hindsight-source" });
  const report = (e: Error) => {
    if ((e as { code?: string }).code !== "57P01") console.error("[source] connection error:", e.message);
  };
  pool.on("error", report);
  pool.on("connect", (client) => client.on("error", report));
  return pool;
}
