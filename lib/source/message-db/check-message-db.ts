import type pg from "pg";
import { checkGapWatchRole } from "../gap-watch/check-gap-watch-role";
import { qualified } from "../sql-name";

/** The source role's needs, each missing one named: USAGE on the schema, SELECT on messages, pg_read_all_stats. */
export async function checkMessageDb(pool: pg.Pool, schema: string): Promise<{ ok: boolean; problems: string[] }> {
  const problems: string[] = [];
  try {
    const messages = qualified(schema, "messages");
    const { rows } = await pool.query<{ has_table: boolean; usage: boolean; select: boolean }>(
      // CASE, not AND: SQL does not promise to short-circuit, and the privilege functions throw on a missing schema or table.
      `SELECT to_regclass($2) IS NOT NULL AS has_table,
              CASE WHEN to_regnamespace($1) IS NULL THEN false ELSE has_schema_privilege($1, 'USAGE') END AS usage,
              CASE WHEN to_regclass($2) IS NULL THEN false ELSE has_table_privilege($2, 'SELECT') END AS select`,
      [schema, messages],
    );
    const r = rows[0];
    if (!r.has_table) problems.push(`there is no ${schema}.messages table here: is HINDSIGHT_SOURCE_URL a Message DB database, and HINDSIGHT_SOURCE_SCHEMA its schema?`);
    else {
      if (!r.usage) problems.push(`the source role lacks USAGE on schema ${schema}`);
      if (!r.select) problems.push(`the source role lacks SELECT on ${schema}.messages`);
    }
    problems.push(...(await checkGapWatchRole(pool)));
  } catch (e) {
    problems.push(`cannot reach the Message DB source: ${(e as Error).message}`);
  }
  return { ok: problems.length === 0, problems };
}
