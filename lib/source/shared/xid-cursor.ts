import { cursorBody } from "../contract";
import { AppError } from "../../errors";

/** A position in a log ordered by (xid8, global position), as stores with a transaction id have it. */
export type XidPosition = { txId: string; position: number };

export const XID_START: XidPosition = { txId: "0", position: 0 };
const MAX_XID8 = 2n ** 64n - 1n;

/** `<prefix><tx>:<position>`, e.g. "em1:1234:56": versioned per source, opaque to callers. */
export function encodeXidCursor(prefix: string, p: XidPosition): string {
  return `${prefix}${p.txId}:${p.position}`;
}

export function decodeXidCursor(prefix: string, cursor: string | null): XidPosition {
  if (cursor === null) return XID_START;
  const m = /^(\d{1,20}):(\d{1,16})$/.exec(cursorBody(cursor, prefix));
  if (!m || BigInt(m[1]) > MAX_XID8 || Number(m[2]) > Number.MAX_SAFE_INTEGER) {
    throw new AppError("invalid_cursor", `the cursor is not a ${prefix} cursor this source handed out`, { field: "after" });
  }
  return { txId: m[1], position: Number(m[2]) };
}
