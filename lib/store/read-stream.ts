import "server-only";
import { getPool } from "../db";
import { AppError } from "../errors";
import type { PiiMode } from "../schema/pii";
import { EVENT_COLUMNS, toEventViews, type EventRow, type EventView } from "./event-view";

export type ReadStreamOptions = {
  streamId: string;
  fromVersion?: number;
  limit?: number;
  /** Only events recorded at or before this time (RFC 3339). */
  at?: string;
  raw?: boolean;
  pii: PiiMode;
  direction?: "forward" | "backward";
};

export type ReadStreamResult = { streamId: string; version: number; events: EventView[]; next: number | null };

export const MAX_READ_LIMIT = 1000;

/** Reads a page of one stream's events in version order; throws stream_not_found for an unknown stream. */
export async function readStream(opts: ReadStreamOptions): Promise<ReadStreamResult> {
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), MAX_READ_LIMIT);
  const backward = opts.direction === "backward";
  const from = opts.fromVersion ?? (backward ? 2 ** 31 - 1 : 1);
  const pool = getPool();
  const stream = await pool.query<{ version: number }>("SELECT version FROM streams WHERE stream_id = $1", [opts.streamId]);
  if (stream.rowCount === 0) throw new AppError("stream_not_found", `stream ${opts.streamId} does not exist`, { streamId: opts.streamId });
  const { rows } = await pool.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events
      WHERE stream_id = $1 AND stream_version ${backward ? "<=" : ">="} $2 AND ($3::timestamptz IS NULL OR recorded_at <= $3)
      ORDER BY stream_version ${backward ? "DESC" : "ASC"} LIMIT $4`,
    [opts.streamId, from, opts.at ?? null, limit + 1],
  );
  const page = rows.slice(0, limit);
  const more = rows.length > limit;
  const next = more ? rows[limit].stream_version : null;
  return { streamId: opts.streamId, version: stream.rows[0].version, events: await toEventViews(page, opts), next };
}
