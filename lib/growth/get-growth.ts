import "server-only";
import { z } from "zod";
import { getPool } from "../db";
import { runSql, typedSql } from "../sql/typed-sql";
import { parseTime } from "../time";

const DAY_MS = 86_400_000;
// A zone lookup per row costs about as much as the rest of the query, so UTC days use date_bin (plain arithmetic).
const UTC_DAY = "date_bin('1 day', bucket, timestamptz '2000-01-01 00:00:00+00')";
const ZONED_DAY = "date_trunc('day', bucket, $3)";
/** Hour buckets over more than this many days would be tens of thousands of rows: ask for days. */
export const MAX_HOUR_RANGE_DAYS = 100;
export const MAX_DAY_RANGE_DAYS = 3660;

/** An IANA zone name (Europe/Paris, UTC) that this runtime knows; offsets like "+05:00" are refused because PostgreSQL reads them POSIX-style, sign inverted. */
function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz) || /^[+-]|^(GMT|UTC)[+-]/i.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const time = z.string().max(40).refine((v) => parseTime(v) !== null, "must be an RFC 3339 time");

/** The query of GET /api/v1/stats/growth; `to` defaults to now and `from` to 7 days before it. */
export const growthQuerySchema = z
  .object({
    from: time.optional(),
    to: time.optional(),
    bucket: z.enum(["hour", "day"]).default("hour"),
    groupBy: z.enum(["category", "type"]).default("category"),
    tz: z.string().max(64).refine(isTimeZone, "must be an IANA time zone name such as Europe/Paris").default("UTC"),
  })
  .transform((q, ctx) => {
    const to = q.to ? Date.parse(q.to) : Date.now();
    const from = q.from ? Date.parse(q.from) : to - 7 * DAY_MS;
    const maxDays = q.bucket === "hour" ? MAX_HOUR_RANGE_DAYS : MAX_DAY_RANGE_DAYS;
    if (!(from < to)) ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
    else if (to - from > maxDays * DAY_MS) ctx.addIssue({ code: "custom", path: ["from"], message: `${q.bucket} buckets cover at most ${maxDays} days` });
    return { ...q, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  });

export type GrowthQuery = z.output<typeof growthQuerySchema>;
export type GrowthBucket = { start: string; key: string; count: number; bytes: number };

/**
 * Events and bytes per bucket and category (or type), from the hourly rollups only: the cost
 * follows the number of hours and keys in the range, never the number of events. Rollup hours
 * start at whole UTC hours (hour buckets stay those hours, shown in `tz`), so in a zone with a
 * half-hour offset a day holds the hours that start in it.
 */
export async function getGrowth(q: GrowthQuery): Promise<GrowthBucket[]> {
  const start = q.bucket === "hour" ? "hour" : q.tz === "UTC" ? "utcDay" : "zonedDay";
  const { rows } = await runSql(getPool(), growthSql[start][q.groupBy], [q.from, q.to, q.tz]);
  return rows.map((r) => ({ start: `${r.local}${formatOffset(r.offset_s)}`, key: r.key, count: r.count, bytes: r.bytes }));
}

/** Buckets from `start` (an expression of the rollup hour) keyed by `key`, with the local time and offset of each start in $3. */
function bucketsSql(start: string, key: "category" | "type"): string {
  return `SELECT to_char(b.start AT TIME ZONE $3, 'YYYY-MM-DD"T"HH24:MI:SS') AS local,
            extract(epoch FROM (b.start AT TIME ZONE $3) - (b.start AT TIME ZONE 'UTC'))::int AS offset_s,
            b.key, b.count, b.bytes
       FROM (SELECT ${start} AS start, ${key} AS key, sum(count)::bigint AS count, sum(bytes)::bigint AS bytes
               FROM rollups_hourly WHERE bucket >= $1 AND bucket < $2
              GROUP BY 1, 2) b
      ORDER BY b.start, b.key`;
}

// Every column is computed from NOT NULL rollup columns (sum over a non-empty group).
const BUCKET_COLUMNS = { notNull: ["local", "offset_s", "count", "bytes"] };

/** One statement per bucket start (hour, UTC day, zoned day) and key, so each has its own row types. */
const growthSql = {
  hour: {
    category: typedSql("growth.buckets-hour-category", bucketsSql("bucket", "category"), BUCKET_COLUMNS),
    type: typedSql("growth.buckets-hour-type", bucketsSql("bucket", "type"), BUCKET_COLUMNS),
  },
  utcDay: {
    category: typedSql("growth.buckets-utc-day-category", bucketsSql(UTC_DAY, "category"), BUCKET_COLUMNS),
    type: typedSql("growth.buckets-utc-day-type", bucketsSql(UTC_DAY, "type"), BUCKET_COLUMNS),
  },
  zonedDay: {
    category: typedSql("growth.buckets-zoned-day-category", bucketsSql(ZONED_DAY, "category"), BUCKET_COLUMNS),
    type: typedSql("growth.buckets-zoned-day-type", bucketsSql(ZONED_DAY, "type"), BUCKET_COLUMNS),
  },
};

/** Seconds east of UTC as an RFC 3339 offset: 3600 → "+01:00", -34200 → "-09:30". */
export function formatOffset(seconds: number): string {
  const sign = seconds < 0 ? "-" : "+";
  const abs = Math.abs(seconds);
  const hh = String(Math.floor(abs / 3600)).padStart(2, "0");
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, "0");
  return `${sign}${hh}:${mm}`;
}

const bytesBeforeSql = typedSql("growth.bytes-before", "SELECT coalesce(sum(bytes), 0)::bigint AS bytes FROM rollups_hourly WHERE bucket < $1", { notNull: ["bytes"] });

/** Bytes the rollups hold before `from`: where the cumulative storage line starts. */
export async function getBytesBefore(from: string): Promise<number> {
  const { rows } = await runSql(getPool(), bytesBeforeSql, [from]);
  return rows[0].bytes;
}
