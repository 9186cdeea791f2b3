// The one gap-safe log-order read: every reader of a log ordered by a writing transaction's id
// (Hindsight's events, the source index, Emmett's emt_messages) builds its SQL here.

export type LogOrderRead = {
  /** The select list and the table (or a join) it reads. */
  select: string;
  from: string;
  /** The xid8 column of the writing transaction and the global position column; tx_id, global_position by default. */
  tx?: string;
  position?: string;
  /** Placeholders of the cursor, e.g. "$1" and "$2": rows strictly after (tx, position). */
  afterTx: string;
  afterPosition: string;
  /** Extra filters, ANDed (a category, a message kind). */
  where?: string[];
  /** Placeholder or literal of the page size. */
  limit: string;
};

/**
 * Log order is (transaction id, global position), and only transactions older than every one
 * still running (the snapshot's xmin) are read: a transaction that commits late always has an id
 * at or above that bound, so it can never sort before a page already handed out.
 */
export function logOrderSql(r: LogOrderRead): string {
  const tx = r.tx ?? "tx_id";
  const position = r.position ?? "global_position";
  const filters = (r.where ?? []).map((w) => `\n     AND ${w}`).join("");
  return `
  SELECT ${r.select} FROM ${r.from}
   WHERE (${tx}, ${position}) > (${r.afterTx}::xid8, ${r.afterPosition}::bigint)
     AND ${tx} < pg_snapshot_xmin(pg_current_snapshot())${filters}
   ORDER BY ${tx}, ${position}
   LIMIT ${r.limit}`;
}
