import "server-only";
import { logTables } from "../source/log-tables";
import { getPool } from "../db";
import { runSql, typedSql } from "../sql/typed-sql";

export type StreamGrowth = {
  streamId: string;
  category: string;
  version: number;
  bytes: number;
  firstEventAt: string | null;
  lastEventAt: string | null;
  snapshotVersion: number | null;
  /** Events since the last snapshot (or since the start). */
  sinceSnapshot: number;
  /** The category's snapshot policy (every N events), if it has one. */
  snapshotEvery: number | null;
  /** Events per day over the stream's life (at least a day, so a burst does not read as a million a day). */
  perDay: number;
};

// One row per stream from the streams table (kept by the append) and the snapshot policies: never events.
const COLUMNS = `s.stream_id AS "streamId", s.category, s.version, s.bytes, s.first_event_at AS "firstEventAt", s.last_event_at AS "lastEventAt",
  s.snapshot_version AS "snapshotVersion", s.version - coalesce(s.snapshot_version, 0) AS "sinceSnapshot", p.every_n_events AS "snapshotEvery",
  (s.event_count / greatest(extract(epoch FROM s.last_event_at - s.first_event_at) / 86400.0, 1))::float8 AS "perDay"`;

/** The streams growing fastest (events per day over their life), among those with at least `minEvents`. */
export async function listFastestStreams(opts: { limit?: number; minEvents?: number } = {}): Promise<StreamGrowth[]> {
  const { rows } = await runSql(getPool(), FASTEST_SQL[logTables().streams], [opts.limit ?? 10, opts.minEvents ?? 100]);
  return rows;
}

export type UnboundedOptions = {
  /** Events per day above which a long, still-active stream counts as growing without bound. */
  ratePerDay: number;
  /** How far past its snapshot threshold a stream must be (× every_n_events). */
  snapshotFactor?: number;
  /** A stream shorter than this is not "unbounded", whatever its rate (a burst, a busy order). */
  minEvents?: number;
  limit?: number;
};

export type UnboundedStream = StreamGrowth & { reasons: ("past_snapshot_threshold" | "fast_growth")[] };

/**
 * Streams that grow without bound: far past their category's snapshot threshold (every load folds
 * all of that), or long and still growing faster than `ratePerDay`. "Still growing" means an event
 * within the last week of the store's newest activity, so an idle history is not flagged.
 */
export async function listUnboundedStreams(opts: UnboundedOptions): Promise<UnboundedStream[]> {
  const { rows } = await runSql(getPool(), UNBOUNDED_SQL[logTables().streams], [opts.ratePerDay, opts.snapshotFactor ?? 2, opts.minEvents ?? 1000, opts.limit ?? 50]);
  return rows.map(({ past, fast, ...s }) => ({
    ...s,
    reasons: [...(past ? (["past_snapshot_threshold"] as const) : []), ...(fast ? (["fast_growth"] as const) : [])],
  }));
}

// The computed columns are never null; the policy's are, for a category without one (LEFT JOIN).
const GROWTH_COLUMNS = { notNull: ["sinceSnapshot", "perDay"], nullable: ["snapshotEvery"] };

const fastestText = (streams: string) =>
  `SELECT ${COLUMNS} FROM ${streams} s LEFT JOIN snapshot_policies p ON p.category = s.category
    WHERE s.version >= $2 AND s.last_event_at IS NOT NULL
    ORDER BY "perDay" DESC, s.stream_id LIMIT $1`;
const FASTEST_SQL = {
  streams: typedSql("growth.fastest-streams", fastestText("streams"), GROWTH_COLUMNS),
  source_streams: typedSql("growth.fastest-streams-source", fastestText("source_streams"), GROWTH_COLUMNS),
};

const unboundedText = (streams: string) =>
  `WITH newest AS (SELECT max(last_event_at) AS at FROM ${streams}),
     g AS (SELECT ${COLUMNS} FROM ${streams} s LEFT JOIN snapshot_policies p ON p.category = s.category WHERE s.version >= $3)
     SELECT g.*, (g."snapshotEvery" IS NOT NULL AND g."sinceSnapshot" > g."snapshotEvery" * $2) AS past,
            (g."perDay" > $1 AND g."lastEventAt" > (SELECT at FROM newest) - interval '7 days') AS fast
       FROM g
      WHERE (g."snapshotEvery" IS NOT NULL AND g."sinceSnapshot" > g."snapshotEvery" * $2)
         OR (g."perDay" > $1 AND g."lastEventAt" > (SELECT at FROM newest) - interval '7 days')
      ORDER BY g."perDay" DESC, g."streamId" LIMIT $4`;
const UNBOUNDED_SQL = {
  streams: typedSql("growth.unbounded-streams", unboundedText("streams"), GROWTH_COLUMNS),
  source_streams: typedSql("growth.unbounded-streams-source", unboundedText("source_streams"), GROWTH_COLUMNS),
};
