import "server-only";
import { logTables, type LogTables } from "../source/log-tables";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { findTypeCycles, type TypeCycle, type TypeEdge } from "./cycles";
import { DEFAULT_RUNAWAY, eventsPerHour, runawayReasons, type CorrelationActivity, type RunawayReason, type RunawayThresholds } from "./runaway";

export type MapEdge = TypeEdge & { perHour: number; inCycle: boolean };

export type RunawayChain = CorrelationActivity & { perHour: number; reasons: RunawayReason[]; types: string[] };

export type CausationMap = {
  from: string;
  to: string;
  /** Events in the window that belong to a correlation or name a cause, and how many name a cause the store holds. */
  events: number;
  caused: number;
  types: { type: string; events: number; inCycle: boolean }[];
  edges: MapEdge[];
  cycles: TypeCycle[];
  runaways: RunawayChain[];
  thresholds: RunawayThresholds;
};

export type GetCausationMapOptions = { from: Date; to: Date; thresholds?: RunawayThresholds; limit?: number };

/**
 * One statement over the window: the window's correlated or caused events are read once, each is
 * joined to its cause by event id (a hash join inside the window, an index probe on
 * events_event_id_key for a cause outside it), and the type pairs, the events per type and the
 * correlations over the thresholds come back as JSON. Nothing is loaded event by event.
 */
const mapSql = (events: LogTables["events"]) => `
  WITH w AS MATERIALIZED (
    -- Events in no correlation and with no cause (ticks, most of a store) are not read: they take
    -- part only as causes, which the index probe below finds.
    SELECT event_id, causation_id, correlation_id, type, causation_depth, recorded_at
      FROM ${events} WHERE recorded_at >= $1 AND recorded_at < $2 AND (causation_id IS NOT NULL OR correlation_id IS NOT NULL)
  ), linked AS (
    -- One hash join on event id; an effect whose cause is not in the window keeps the cause's
    -- id (grouped, so each missing cause is looked up once below).
    SELECT c.type AS cause, e.type AS effect, CASE WHEN c.event_id IS NULL THEN e.causation_id END AS lookup, count(*)::bigint AS n
      FROM w e LEFT JOIN w c ON c.event_id = e.causation_id
     WHERE e.causation_id IS NOT NULL
     GROUP BY 1, 2, 3
  ), pairs AS (
    -- A cause recorded before the window (or a command the store does not hold): a scalar
    -- subquery, so each is an index probe on events_event_id_key, never a scan of the store.
    SELECT cause, effect, sum(n)::bigint AS n
      FROM (SELECT coalesce(cause, (SELECT o.type FROM ${events} o WHERE o.event_id = lookup)) AS cause, effect, n FROM linked) l
     WHERE cause IS NOT NULL
     GROUP BY 1, 2
  ), types AS (
    SELECT type, count(*)::bigint AS n FROM w GROUP BY type
  ), runaway AS (
    SELECT correlation_id, count(*)::bigint AS n, max(causation_depth) AS depth, min(recorded_at) AS first_at, max(recorded_at) AS last_at
      FROM w WHERE correlation_id IS NOT NULL
     GROUP BY correlation_id
    HAVING max(causation_depth) > $3 OR count(*) > $4
        OR count(*) * 3600.0 / greatest(extract(epoch FROM max(recorded_at) - min(recorded_at)), 60) > $5
     ORDER BY n DESC LIMIT $6
  )
  SELECT (SELECT coalesce(sum(n), 0) FROM types)::bigint AS events,
         (SELECT coalesce(sum(n), 0) FROM pairs)::bigint AS caused,
         (SELECT coalesce(json_agg(json_build_object('from', cause, 'to', effect, 'count', n)), '[]') FROM pairs) AS pairs,
         (SELECT coalesce(json_agg(json_build_object('type', type, 'events', n)), '[]') FROM types) AS types,
         (SELECT coalesce(json_agg(json_build_object('correlationId', correlation_id, 'events', n, 'depth', depth,
                   'firstAt', to_char(first_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'),
                   'lastAt', to_char(last_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'))), '[]') FROM runaway) AS runaways`;
export const MAP_SQL = mapSql("events");
/** The same over a source: its index (source_events) has the columns the map reads. */
const SOURCE_MAP_SQL = mapSql("source_events");

// The window's rows, the join's hash and both aggregates fit in memory at this size (about 150 MB
// for a million events) instead of spilling to temp files; only this statement gets it.
export const MAP_WORK_MEM = "192MB";

type MapRow = {
  events: number;
  caused: number;
  pairs: TypeEdge[];
  types: { type: string; events: number }[];
  runaways: CorrelationActivity[];
};

/** The type-level causation map of a window: cause type → effect type with counts and rates, its cycles, and the runaway chains. */
export async function getCausationMap(opts: GetCausationMapOptions): Promise<CausationMap> {
  const thresholds = opts.thresholds ?? DEFAULT_RUNAWAY;
  const { rows } = await inTransaction(async (client) => {
    await client.query(`SET LOCAL work_mem = '${MAP_WORK_MEM}'`);
    return client.query<MapRow>(logTables().external ? SOURCE_MAP_SQL : MAP_SQL, [opts.from.toISOString(), opts.to.toISOString(), thresholds.maxDepth, thresholds.maxEvents, thresholds.maxPerHour, opts.limit ?? 100]);
  });
  const row = rows[0];
  const hours = Math.max((opts.to.getTime() - opts.from.getTime()) / 3_600_000, 1 / 60);
  const cycles = findTypeCycles(row.pairs);
  const cycleTypes = new Set(cycles.flatMap((c) => c.types));
  const cycleEdges = new Set(cycles.flatMap((c) => c.edges.map((e) => `${e.from}\u0000${e.to}`)));
  const runaways = await typesOf(row.runaways);
  return {
    from: opts.from.toISOString(),
    to: opts.to.toISOString(),
    events: row.events,
    caused: row.caused,
    types: row.types.map((t) => ({ ...t, inCycle: cycleTypes.has(t.type) })).sort((a, b) => b.events - a.events),
    edges: row.pairs
      .map((e) => ({ ...e, perHour: e.count / hours, inCycle: cycleEdges.has(`${e.from}\u0000${e.to}`) }))
      .sort((a, b) => b.count - a.count),
    cycles,
    runaways: row.runaways.map((r) => ({ ...r, perHour: eventsPerHour(r), reasons: runawayReasons(r, thresholds), types: runaways.get(r.correlationId) ?? [] })),
    thresholds,
  };
}

/** The types of each runaway correlation, from its first 200 events (a runaway repeats itself). */
async function typesOf(runaways: CorrelationActivity[]): Promise<Map<string, string[]>> {
  if (runaways.length === 0) return new Map();
  const log = logTables();
  const { rows } = await getPool().query<{ correlation_id: string; types: string[] }>(
    `SELECT c.id AS correlation_id,
            ARRAY(SELECT DISTINCT type FROM (SELECT type FROM ${log.events} WHERE correlation_id = c.id LIMIT 200) s ORDER BY type LIMIT 10) AS types
       FROM unnest($1::${log.external ? "text" : "uuid"}[]) AS c(id)`,
    [runaways.map((r) => r.correlationId)],
  );
  return new Map(rows.map((r) => [r.correlation_id, r.types]));
}
