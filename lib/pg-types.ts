import pg from "pg";
import { pgTimestampToRfc3339 } from "./time";

const INT8 = 20;
const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const XID8 = 5069;

/**
 * How Hindsight reads Postgres values: bigint as a JS number (positions and counts stay below
 * 2^53), timestamps as RFC 3339 strings with their microseconds (a Date would drop them), xid8 as text.
 */
export const hindsightTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === TIMESTAMPTZ) return (v: string) => pgTimestampToRfc3339(v);
    if (oid === TIMESTAMP) return (v: string) => v;
    if (oid === XID8) return (v: string) => v;
    return pg.types.getTypeParser(oid, format ?? "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};
