import { AppError } from "../errors";

/** A position in the global log: the writing transaction's id and the event's global position. */
export type LogPosition = { txId: string; position: number };

const MAX_XID8 = 2n ** 64n - 1n;

export const LOG_START: LogPosition = { txId: "0", position: 0 };

/** The opaque cursor the API hands out for a log position. */
export function encodeCursor(p: LogPosition): string {
  return Buffer.from(`v1:${p.txId}:${p.position}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): LogPosition {
  const m = /^v1:(\d{1,20}):(\d{1,16})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  // xid8 is an unsigned 64-bit number and positions stay below 2^53: anything else was not handed out.
  if (!m || BigInt(m[1]) > MAX_XID8 || Number(m[2]) > Number.MAX_SAFE_INTEGER) {
    throw new AppError("invalid_cursor", "the cursor is not one this API handed out", { field: "after" });
  }
  return { txId: m[1], position: Number(m[2]) };
}
