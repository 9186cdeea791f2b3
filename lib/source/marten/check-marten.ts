import type pg from "pg";
import { checkGapWatchRole } from "../gap-watch/check-gap-watch-role";
import type { MartenLayout } from "./marten-layout";

/** The source role's needs, each missing one named: USAGE on the schema, SELECT on mt_events and mt_streams, pg_read_all_stats. */
export async function checkMarten(pool: pg.Pool, schema: string, layout: () => Promise<MartenLayout | null>): Promise<{ ok: boolean; problems: string[] }> {
  const problems: string[] = [];
  try {
    const { rows } = await pool.query<{ usage: boolean; events: boolean | null; streams: boolean | null }>(
      `SELECT has_schema_privilege($1, 'USAGE') AS usage,
              CASE WHEN to_regclass(format('%I.mt_events', $1::text)) IS NULL THEN NULL ELSE has_table_privilege(format('%I.mt_events', $1::text), 'SELECT') END AS events,
              CASE WHEN to_regclass(format('%I.mt_streams', $1::text)) IS NULL THEN NULL ELSE has_table_privilege(format('%I.mt_streams', $1::text), 'SELECT') END AS streams`,
      [schema],
    ).catch(() => ({ rows: [{ usage: false, events: null, streams: null }] }));
    const r = rows[0];
    if (!r.usage) problems.push(`the source role lacks USAGE on schema ${schema} (or there is no such schema: set HINDSIGHT_SOURCE_SCHEMA to Marten's DatabaseSchemaName)`);
    else if (r.events === null || r.streams === null) problems.push(`there are no mt_events / mt_streams tables in schema ${schema}: set HINDSIGHT_SOURCE_SCHEMA to Marten's DatabaseSchemaName`);
    else {
      if (!r.events) problems.push(`the source role lacks SELECT on ${schema}.mt_events`);
      if (!r.streams) problems.push(`the source role lacks SELECT on ${schema}.mt_streams`);
      if (r.events && r.streams && (await layout())?.perTenantSequences) {
        problems.push("this Marten store uses UseTenantPartitionedEvents (a seq_id sequence per tenant), which Hindsight cannot read in one order yet");
      }
    }
    problems.push(...(await checkGapWatchRole(pool)));
  } catch (e) {
    problems.push(`cannot reach the Marten source: ${(e as Error).message}`);
  }
  return { ok: problems.length === 0, problems };
}
