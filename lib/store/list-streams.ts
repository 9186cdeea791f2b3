import "server-only";
import { getPool } from "../db";
import { logTables } from "../source/log-tables";

export type StreamSummary = {
  streamId: string;
  category: string;
  version: number;
  eventCount: number;
  bytes: number;
  firstEventAt: string | null;
  lastEventAt: string | null;
};

export type ListStreamsOptions = { prefix?: string; category?: string; limit?: number; after?: string };

const COLUMNS = `stream_id AS "streamId", category, version, event_count AS "eventCount", bytes,
  first_event_at AS "firstEventAt", last_event_at AS "lastEventAt"`;

/** Streams in id order, filtered by id prefix and category, paged by the last id seen. */
export async function listStreams(opts: ListStreamsOptions): Promise<{ streams: StreamSummary[]; next: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const prefix = opts.prefix ? opts.prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + "%" : null;
  const { rows } = await getPool().query<StreamSummary>(
    `SELECT ${COLUMNS} FROM ${logTables().streams}
      WHERE ($1::text IS NULL OR stream_id LIKE $1) AND ($2::text IS NULL OR category = $2)
        AND ($3::text IS NULL OR stream_id > $3) AND version > 0
      ORDER BY stream_id LIMIT $4`,
    [prefix, opts.category ?? null, opts.after ?? null, limit + 1],
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  return { streams: page, next: more ? page[page.length - 1].streamId : null };
}

/** One stream's summary, or null when it does not exist. */
export async function getStream(streamId: string): Promise<StreamSummary | null> {
  const { rows } = await getPool().query<StreamSummary>(`SELECT ${COLUMNS} FROM ${logTables().streams} WHERE stream_id = $1 AND version > 0`, [streamId]);
  return rows[0] ?? null;
}

/** Categories with their stream and event counts, largest first. */
export async function listCategories(): Promise<{ category: string; streams: number; events: number; bytes: number }[]> {
  const { rows } = await getPool().query(
    `SELECT category, count(*)::int AS streams, sum(event_count)::bigint AS events, sum(bytes)::bigint AS bytes
       FROM ${logTables().streams} WHERE version > 0 GROUP BY category ORDER BY events DESC`,
  );
  return rows;
}
