import "server-only";
import { micros, readArchivedRows } from "../archive/read-archived";
import { getPool } from "../db";
import { logTables } from "../source/log-tables";
import { readSourceStream } from "../source/read-source-stream";
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
  const hot = () =>
    pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE stream_id = $1 AND stream_version ${backward ? "<=" : ">="} $2 AND ($3::timestamptz IS NULL OR recorded_at <= $3)
        ORDER BY stream_version ${backward ? "DESC" : "ASC"} LIMIT $4`,
      [opts.streamId, from, opts.at ?? null, limit + 1],
    );
  let rows: EventRow[];
  let cold: ReadStreamResult["cold"];
  if (opts.includeArchived && archived > 0 && (backward || from <= archived)) {
    const started = performance.now();
    const wanted = backward ? { fromVersion: Math.max(1, Math.min(from, archived) - limit), toVersion: Math.min(from, archived) } : { fromVersion: from, toVersion: Math.min(archived, from + limit) };
    let coldRows: EventRow[] = await readArchivedRows({ streamId: opts.streamId, ...wanted });
    if (opts.at) coldRows = coldRows.filter((r) => micros(r.recorded_at) <= micros(opts.at!));
    if (backward) coldRows.reverse();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const hotRows = backward ? (from > archived ? (await hot()).rows : []) : coldRows.length > limit ? [] : (await hot()).rows;
    rows = backward ? [...hotRows, ...coldRows] : [...coldRows, ...hotRows];
    cold = { events: Math.min(coldRows.length, backward ? Math.max(0, limit - hotRows.length) : limit), ms };
  } else {
    rows = (await hot()).rows;
  }
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
