import "server-only";
import type pg from "pg";
import { micros, readArchivedRows } from "../archive/read-archived";
import { getPool } from "../db";
import { runSql, typedSql } from "../sql/typed-sql";
import { EVENT_COLUMNS, EVENT_JSON, type EventRow } from "./event-view";

export type StreamRangeOptions = {
  streamId: string;
  /** Versions after this one (exclusive). */
  after: number;
  /** Versions up to this one (inclusive); no bound when absent. */
  through?: number;
  /** Rows wanted at most (callers ask one more than a page to know whether another follows). */
  count: number;
  /** Forward reads the lowest versions of the range first, backward the highest. */
  direction?: "forward" | "backward";
  /** Only events recorded at or before this time (RFC 3339). */
  at?: string;
  /** Also read versions moved to the archive; otherwise only the hot table. */
  includeArchived: boolean;
  db?: pg.Pool | pg.PoolClient;
};

export type StreamRange<R> = {
  /** In the direction's order, archived and hot rows merged. */
  rows: R[];
  /** How many of `rows` came from the archive (they come first forward, last backward). */
  cold: number;
  /** Time spent fetching archived rows, when the archive was consulted. */
  coldMs?: number;
};

/** A stream's hot events in a version range, lowest or highest first, cut at a time. */
const hotRange = (backward: boolean) =>
  `SELECT ${EVENT_COLUMNS} FROM events
    WHERE stream_id = $1 AND stream_version > $2 AND stream_version <= $3 AND ($4::timestamptz IS NULL OR recorded_at <= $4)
    ORDER BY stream_version ${backward ? "DESC" : "ASC"} LIMIT $5`;
const hotForward = typedSql("store.stream-range-forward", hotRange(false), { json: EVENT_JSON });
const hotBackward = typedSql("store.stream-range-backward", hotRange(true), { json: EVENT_JSON });

/**
 * One stream's events in version order across both tiers: the hot table first, then, when the
 * versions next to `after` (forward) or below the lowest hot one (backward) are not hot, the
 * archive for the missing ones. Archiving moves a prefix of each stream, so the hot rows are the
 * range's tail and the archive fills what is below them; a gap in both tiers shows as a jump in
 * versions, for the caller to refuse.
 */
export async function readStreamRange(opts: StreamRangeOptions): Promise<StreamRange<EventRow>> {
  const db = opts.db ?? getPool();
  const backward = opts.direction === "backward";
  const through = opts.through ?? 2 ** 31 - 1;
  const { rows: hot } = await runSql(db, backward ? hotBackward : hotForward, [opts.streamId, opts.after, through, opts.at ?? null, opts.count]);
  const lowestHot = backward ? hot[hot.length - 1]?.stream_version : hot[0]?.stream_version;
  // Forward, a full page that starts right after `after` needs nothing older; backward, a full page does.
  const complete = backward ? hot.length === opts.count : lowestHot === opts.after + 1;
  if (!opts.includeArchived || complete) return { rows: hot, cold: 0 };

  const top = Math.min(through, (lowestHot ?? through + 1) - 1);
  if (top <= opts.after) return { rows: hot, cold: 0 };
  const started = performance.now();
  const want = backward ? opts.count - hot.length : opts.count;
  const range = backward ? { fromVersion: Math.max(opts.after + 1, top - want + 1), toVersion: top } : { fromVersion: opts.after + 1, toVersion: Math.min(top, opts.after + want) };
  let cold = await readArchivedRows({ streamId: opts.streamId, ...range, db });
  if (opts.at) cold = cold.filter((r) => micros(r.recorded_at) <= micros(opts.at!));
  const coldMs = Math.round((performance.now() - started) * 10) / 10;
  const rows = backward ? [...hot, ...cold.reverse()] : [...cold, ...hot].slice(0, opts.count);
  return { rows, cold: backward ? cold.length : Math.min(cold.length, rows.length), coldMs };
}
