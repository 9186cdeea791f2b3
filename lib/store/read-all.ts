import "server-only";
import { getPool } from "../db";
import { logOrderSql } from "../source/log-order";
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
 * The API's read of the global log: the gap-safe log order (lib/source/log-order.ts) with its two
 * filters, registered so that its row type comes from the schema.
 */
export const readLogSql = typedSql(
  "store.read-log",
  logOrderSql({
    select: EVENT_COLUMNS,
    from: "events",
    afterTx: "$1",
    afterPosition: "$2",
    where: ["($4::text IS NULL OR category = $4)", "($5::text IS NULL OR type = $5)"],
    limit: "$3",
  }),
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
