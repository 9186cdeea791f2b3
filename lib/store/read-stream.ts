import "server-only";
import { getPool } from "../db";
import { logTables } from "../source/log-tables";
import { readSourceStream } from "../source/read-source-stream";
import { AppError } from "../errors";
import type { PiiMode } from "../schema/pii";
import { EVENT_COLUMNS, toEventViews, type EventRow, type EventView } from "./event-view";
import { readStreamRange } from "./read-stream-range";

export type ReadStreamOptions = {
  streamId: string;
  fromVersion?: number;
  limit?: number;
  /** Only events recorded at or before this time (RFC 3339). */
  at?: string;
  raw?: boolean;
  pii: PiiMode;
  direction?: "forward" | "backward";
  /** Also read versions moved to the archive (slower: segments are fetched and decompressed). */
  includeArchived?: boolean;
};

export type ReadStreamResult = {
  streamId: string;
  version: number;
  events: EventView[];
  next: number | null;
  /** Versions 1 to this one were archived (present only when some were): default reads start after it. */
  archivedThrough?: number;
  /** With includeArchived: how many events of this page came from the archive and how long fetching them took. */
  cold?: { events: number; ms: number };
};

export const MAX_READ_LIMIT = 1000;

/** Reads a page of one stream's events in version order; throws stream_not_found for an unknown stream. */
export async function readStream(opts: ReadStreamOptions): Promise<ReadStreamResult> {
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), MAX_READ_LIMIT);
  const backward = opts.direction === "backward";
  if (logTables().external) return readSourceStream({ ...opts, limit });
  const from = opts.fromVersion ?? (backward ? 2 ** 31 - 1 : 1);
  const pool = getPool();
  const stream = await pool.query<{ version: number; archived_through: number }>("SELECT version, archived_through FROM streams WHERE stream_id = $1", [opts.streamId]);
  if (stream.rowCount === 0) throw new AppError("stream_not_found", `stream ${opts.streamId} does not exist`, { streamId: opts.streamId });
  const archived = stream.rows[0].archived_through;
  const range = await readStreamRange({
    streamId: opts.streamId,
    ...(backward ? { after: 0, through: from, direction: "backward" as const } : { after: from - 1 }),
    count: limit + 1,
    at: opts.at,
    includeArchived: Boolean(opts.includeArchived) && archived > 0,
  });
  const rows = range.rows;
  // The page's archived events: they lead a forward page and close a backward one.
  const cold: ReadStreamResult["cold"] =
    range.coldMs === undefined ? undefined : { events: backward ? Math.max(0, Math.min(rows.length, limit) - (rows.length - range.cold)) : Math.min(range.cold, limit), ms: range.coldMs };
  const page = rows.slice(0, limit);
  const more = rows.length > limit;
  const next = more ? rows[limit].stream_version : null;
  return {
    streamId: opts.streamId,
    version: stream.rows[0].version,
    events: await toEventViews(page, opts),
    next,
    ...(archived > 0 ? { archivedThrough: archived } : {}),
    ...(cold ? { cold } : {}),
  };
}
