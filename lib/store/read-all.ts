import "server-only";
import { getPool } from "../db";
import type { PiiMode } from "../schema/pii";
import { runSql, typedSql } from "../sql/typed-sql";
import { EVENT_COLUMNS, EVENT_JSON, toEventViews, type EventView } from "./event-view";
import { encodeCursor, LOG_START, type LogPosition } from "./log-cursor";
import { MAX_READ_LIMIT } from "./read-stream";

export type ReadAllOptions = {
  after?: LogPosition;
  limit?: number;
  category?: string;
  type?: string;
  raw?: boolean;
  pii: PiiMode;
};

export type ReadAllResult = { events: EventView[]; next: string; last: LogPosition };

/**
 * The SQL every reader of the global log uses: log order is (tx_id, global_position), and only
 * transactions older than every still-running one are read, so a late committer is never skipped.
 */
export const readLogSql = typedSql(
  "store.read-log",
  `
  SELECT ${EVENT_COLUMNS} FROM events
   WHERE (tx_id, global_position) > ($1::xid8, $2::bigint)
     AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
     AND ($4::text IS NULL OR category = $4)
     AND ($5::text IS NULL OR type = $5)
   ORDER BY tx_id, global_position
   LIMIT $3`,
  { json: EVENT_JSON },
);
export const READ_LOG_SQL = readLogSql.text;

/** Reads the global log in log order, gap-safe, from an earlier page's cursor. */
export async function readAll(opts: ReadAllOptions): Promise<ReadAllResult> {
  const after = opts.after ?? LOG_START;
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), MAX_READ_LIMIT);
  const { rows } = await runSql(getPool(), readLogSql, [after.txId, after.position, limit, opts.category ?? null, opts.type ?? null]);
  const lastRow = rows[rows.length - 1];
  const last = lastRow ? { txId: lastRow.tx_id, position: lastRow.global_position } : after;
  return { events: await toEventViews(rows, opts), next: encodeCursor(last), last };
}
