import "server-only";
import { getPool } from "../db";
import { AppError } from "../errors";
import { logTables } from "../source/log-tables";
import { parseTime } from "../time";
import type { StreamSummary } from "./list-streams";

export type SearchStreamsOptions = {
  /** Stream ids starting with this text. */
  prefix?: string;
  category?: string;
  /** Streams holding at least one event of this type. */
  eventType?: string;
  /** Streams with events in this time range (RFC 3339; either end may be open): first event ≤ to and last event ≥ from. */
  activeFrom?: string;
  activeTo?: string;
  /** Streams carrying this data subject's PII. Only for callers allowed to read PII: see canSearchSubjects. */
  subject?: string;
  /** Whether the caller holds pii.read: who a person is, and where they appear, is personal data too. */
  canSearchSubjects: boolean;
  limit?: number;
  /** The `next` of the previous page: results continue after this stream id. */
  after?: string;
};

export type StreamSearchHit = StreamSummary & { snapshotVersion: number | null };

export type StreamSearchResult = { streams: StreamSearchHit[]; next: string | null };

export const MAX_SEARCH_LIMIT = 500;

const COLUMNS = `s.stream_id AS "streamId", s.category, s.version, s.event_count AS "eventCount", s.bytes,
  s.first_event_at AS "firstEventAt", s.last_event_at AS "lastEventAt", s.snapshot_version AS "snapshotVersion"`;

/**
 * Finds streams for the stream page's search, in stream id order, paged by the last id. Every
 * filter rides an index: ids and categories the streams keys, types the stream_types summary
 * ((type, stream_id), kept by hs_append), subjects the GIN index on events.subjects,
 * and time ranges a GiST index on the range [first event, the minute of the last].
 */
export async function searchStreams(opts: SearchStreamsOptions): Promise<StreamSearchResult> {
  const { sql, params, limit } = searchStreamsQuery(opts, await searchStrategy(opts));
  const { rows } = await getPool().query<StreamSearchHit>(sql, params);
  const page = rows.slice(0, limit);
  return { streams: page, next: rows.length > limit ? page[page.length - 1].streamId : null };
}

/**
 * How a search walks the streams: "ordered" follows stream ids and filters until the page is
 * full; "collect" gathers every stream matching the filters through their indexes, then sorts.
 * Ordered is right when matches are dense, but ids often follow creation time (order-1, order-2 …),
 * so the streams active in one day sit together in id order and an ordered walk can cross most of
 * the table before reaching them (measured: 0.5–1.5 s at 1.2 M streams). The planner cannot know
 * that correlation, so the choice is made here, from its estimate of how many streams match.
 */
export type SearchStrategy = "ordered" | "collect";

/**
 * Up to this many estimated matches, collecting beats walking ids. Measured at 1.35 M streams: a
 * collect costs ~1.7 µs per match (10 k matches: 38 ms), an ordered walk ~0.8 µs per stream it
 * passes, and when matches cluster in id order it may pass most of them (a week of orders: 0.4–0.8 s).
 */
export const COLLECT_MAX = 100_000;

/** The strategy for a search: "collect" for a time range with at most COLLECT_MAX estimated matches, else "ordered". */
export async function searchStrategy(opts: SearchStreamsOptions): Promise<SearchStrategy> {
  if (!opts.activeFrom && !opts.activeTo) return "ordered";
  const { where, params } = searchFilters(opts);
  const { rows } = await getPool().query<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${logTables().streams} s WHERE ${where}`, params);
  return rows[0]["QUERY PLAN"][0].Plan["Plan Rows"] <= COLLECT_MAX ? "collect" : "ordered";
}

/**
 * The time-range conditions. The index's range [first event, U] ends at U, the start of the last
 * event's minute (never before the first event; migration 20261205000100_append_lean), so appends
 * rarely touch it. Its start is exact; its end can fall short of the last event by under a minute.
 * With T = the minute after `from`'s minute (or `to`, if earlier), a range with U ≥ T certainly
 * reaches `from`: the index alone answers those ("certain", index-only in a collect). The few with
 * U < T that the index finds ("near") are checked against last_event_at. Over a source's index
 * the range is exact and the same split holds.
 */
function activeConditions(from: string | null, to: string): { ordered: string; certain: string; near?: string } {
  if (from === null) {
    const open = `s.active_range && tstzrange(NULL, ${to}, '[]')`;
    return { ordered: open, certain: open };
  }
  const exact = `tstzrange(s.first_event_at, s.last_event_at, '[]') && tstzrange(${from}, ${to}, '[]')`;
  const minute = `date_bin('1 minute', ${from}, timestamptz '2000-01-01 00:00:00+00')`;
  const t = `least(${minute} + interval '1 minute', ${to})`;
  return {
    ordered: `s.active_range && tstzrange(${minute}, ${to}, '[]') AND ${exact}`,
    certain: `s.active_range && tstzrange(${t}, ${to}, '[]')`,
    near: `s.active_range && tstzrange(${minute}, ${to}, '[]') AND s.active_range << tstzrange(${t}, NULL, '[)') AND ${exact}`,
  };
}

/** The statement searchStreams runs (one more row than the page, to know whether another follows); the tests and the bench EXPLAIN it. */
export function searchStreamsQuery(opts: SearchStreamsOptions, strategy: SearchStrategy = "ordered"): { sql: string; params: unknown[]; limit: number } {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), MAX_SEARCH_LIMIT);
  const { where, collect, params } = searchFilters(opts);
  // Over a source, its index's streams (source_streams has the same columns).
  const streams = logTables().streams;
  const select = `SELECT ${COLUMNS} FROM ${streams} s WHERE ${where}`;
  params.push(limit + 1);
  const matches = collect.map((w) => `SELECT s.stream_id FROM ${streams} s WHERE ${w}`).join(" UNION ALL ");
  const sql =
    strategy === "collect"
      ? // MATERIALIZED keeps the ORDER BY … LIMIT from being pushed into the scan (which would make it an ordered walk again).
        `WITH m AS MATERIALIZED (${matches})
         SELECT ${COLUMNS} FROM ${streams} s JOIN (SELECT stream_id FROM m ORDER BY stream_id LIMIT $${params.length}) page USING (stream_id)
          ORDER BY s.stream_id`
      : `${select} ORDER BY s.stream_id LIMIT $${params.length}`;
  return { sql, params, limit };
}

/**
 * The WHERE clause of a search (for the ordered walk, which reads each row anyway), the clauses
 * whose union a collect gathers (disjoint), and their parameters; refuses a subject search without
 * pii.read and times that are not RFC 3339.
 */
function searchFilters(opts: SearchStreamsOptions): { where: string; collect: string[]; params: unknown[] } {
  if (opts.subject !== undefined && !opts.canSearchSubjects) {
    throw new AppError("forbidden", "searching by data subject needs the pii.read permission", { permission: "pii.read" });
  }
  for (const field of ["activeFrom", "activeTo"] as const) {
    const value = opts[field];
    if (value && parseTime(value) === null) throw new AppError("validation_failed", `${field} must be an RFC 3339 time`, { field });
  }
  // PostgreSQL refuses a range that ends before it starts: say so as a bad request.
  if (opts.activeFrom && opts.activeTo && Date.parse(opts.activeFrom) > Date.parse(opts.activeTo)) {
    throw new AppError("validation_failed", "activeFrom must not be later than activeTo", { field: "activeFrom" });
  }
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  if (opts.prefix) {
    // COLLATE "C" ids: a LIKE prefix is an index range (LIKE special characters escaped).
    where.push(`s.stream_id LIKE ${p(opts.prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + "%")}`);
  }
  if (opts.category) where.push(`s.category = ${p(opts.category)}`);
  if (opts.after) where.push(`s.stream_id > ${p(opts.after)}`);
  let active: ReturnType<typeof activeConditions> | undefined;
  if (opts.activeFrom || opts.activeTo) {
    // A missing end is an open bound.
    active = activeConditions(opts.activeFrom ? `${p(opts.activeFrom)}::timestamptz` : null, `${p(opts.activeTo || null)}::timestamptz`);
  }
  const log = logTables();
  if (opts.eventType && log.external) {
    // The index has no stream_types summary: the stream's own index rows answer (source_events_stream_idx).
    where.push(`EXISTS (SELECT 1 FROM source_events t WHERE t.stream_id = s.stream_id AND t.type = ${p(opts.eventType)})`);
  } else if (opts.eventType) {
    where.push(`EXISTS (SELECT 1 FROM stream_types t WHERE t.type = ${p(opts.eventType)} AND t.stream_id = s.stream_id)`);
  }
  if (opts.subject !== undefined) {
    // `subjects <> '{}'` repeats the GIN index's predicate, so the planner may use that partial index (over a source: the index's subjects).
    where.push(`s.stream_id IN (SELECT e.stream_id FROM ${log.events} e WHERE e.subjects @> ARRAY[${p(opts.subject)}]::text[] AND e.subjects <> '{}')`);
  }
  // Streams with events. A collect asks the index instead of the version (which every append
  // changes, so it is not in the index): a stream without events has no first event, so its range
  // has no lower bound.
  const and = (...extra: string[]) => [...extra, ...where].join(" AND ");
  if (!active) return { where: and("s.version > 0"), collect: [and("s.version > 0")], params };
  const collect = [active.certain, ...(active.near ? [active.near] : [])].map((c) => and("NOT lower_inf(s.active_range)", c));
  return { where: and("s.version > 0", active.ordered), collect, params };
}
