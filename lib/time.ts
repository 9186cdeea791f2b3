/**
 * Postgres prints timestamptz as `2026-11-26 11:42:07.123456+00`; the API speaks RFC 3339 with
 * the offset and every microsecond kept: `2026-11-26T11:42:07.123456+00:00`.
 */
export function pgTimestampToRfc3339(value: string): string {
  const m = /^(\d{4,}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?([+-]\d{2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(value);
  if (!m) return value;
  const [, date, time, frac = "", oh, om = "00"] = m;
  const micros = frac ? `.${frac.slice(1).padEnd(6, "0")}` : ".000000";
  return `${date}T${time}${micros}${oh}:${om}`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/i;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Parses an RFC 3339 time given by a caller; null when it is not one. */
export function parseTime(value: string): string | null {
  const m = RFC3339.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = m.slice(1).map((p) => Number(p ?? 0));
  // Date.parse rolls 2026-02-30 over into March, but PostgreSQL refuses it: check the calendar here.
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (year < 1 || days === undefined || day < 1 || day > days) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 15 || offsetMinutes > 59) return null;
  return value;
}
