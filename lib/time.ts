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

/** Parses an RFC 3339 time given by a caller; null when it is not one. */
export function parseTime(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(value)) return null;
  return Number.isNaN(Date.parse(value)) ? null : value;
}
