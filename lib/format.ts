// Numbers, sizes and times formatted for people. Pure functions: the server renders pages in UTC,
// so every absolute time is shown in UTC and says so, whatever the server's own time zone.

const DASH = "—";

/** Strips a trailing ".0" so 1.0 reads as 1. */
function trim(value: string): string {
  return value.endsWith(".0") ? value.slice(0, -2) : value;
}

/** A count for people: 950, 9,999, 12.3 k, 1.2 M, 3.4 B. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return DASH;
  const sign = n < 0 ? "-" : "";
  const abs = Math.abs(n);
  if (abs < 10_000) return sign + Math.round(abs).toLocaleString("en-US");
  const units: [number, string][] = [
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  const i = units.findIndex(([size]) => abs >= size);
  const [size, unit] = units[i];
  const scaled = abs / size;
  const text = scaled >= 99.95 ? String(Math.round(scaled)) : trim(scaled.toFixed(1));
  // 999,960 rounds to "1000 k": say "1 M" instead.
  if (text === "1000" && i > 0) return `${sign}1 ${units[i - 1][1]}`;
  return `${sign}${text} ${unit}`;
}

/** A rate in events per hour, without its unit ("0.4", "12.3 k"): under ten keeps a decimal, so a trickle does not read as 0. */
export function formatPerHour(perHour: number): string {
  return perHour < 10 ? perHour.toFixed(1) : formatCount(perHour);
}

/** A rate in events per second with its unit ("1,250 ev/s"), or a dash when there is none (nothing moving). */
export function formatPerSecond(perSecond: number | null | undefined): string {
  return perSecond ? `${formatCount(Math.round(perSecond))} ev/s` : DASH;
}

/** A whole number with thousands separators (for exact values: versions, positions). */
export function formatInteger(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : DASH;
}

/** A size in bytes, in powers of 1024 as PostgreSQL's pg_size_pretty shows them: 512 B, 3.4 GB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return DASH;
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  if (i === 0) return `${Math.round(value)} B`;
  const text = value >= 99.95 ? String(Math.round(value)) : trim(value.toFixed(1));
  // 1023.8 kB rounds to "1024 kB": say "1 MB" instead.
  if (Number(text) >= 1024 && i < units.length - 1) return `1 ${units[i + 1]}`;
  return `${text} ${units[i]}`;
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

const STEPS: [limitSeconds: number, unitSeconds: number, unit: Intl.RelativeTimeFormatUnit][] = [
  [45 * 60, 60, "minute"],
  [22 * 3600, 3600, "hour"],
  [26 * 86_400, 86_400, "day"],
  [320 * 86_400, 30 * 86_400, "month"],
  [Infinity, 365 * 86_400, "year"],
];

/** A time relative to `now`: "just now", "3 hours ago", "yesterday", "in 12 days"; "—" for none. */
export function formatRelativeTime(time: string | null | undefined, now: number = Date.now()): string {
  if (!time) return DASH;
  const then = Date.parse(time);
  if (Number.isNaN(then)) return DASH;
  const seconds = (then - now) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  for (const [limit, size, unit] of STEPS) {
    if (abs < limit) return relative.format(Math.round(seconds / size) || Math.sign(seconds), unit);
  }
  return DASH;
}

/**
 * An absolute time in UTC: "2026-11-26 11:42:07 UTC", or with `micro` every microsecond the
 * store kept ("2026-11-26 11:42:07.123456 UTC"), which a Date alone would drop.
 */
export function formatDateTime(time: string | null | undefined, opts: { micro?: boolean } = {}): string {
  if (!time) return DASH;
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return DASH;
  const iso = new Date(ms).toISOString(); // 2026-11-26T11:42:07.123Z
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  if (!opts.micro) return `${base} UTC`;
  // Offsets are whole minutes, so the fraction of the second is the same in UTC as in the input.
  const fraction = /T\d{2}:\d{2}:\d{2}\.(\d+)/.exec(time)?.[1] ?? "";
  return `${base}.${fraction.padEnd(6, "0").slice(0, 6)} UTC`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A calendar day "YYYY-MM-DD" as a short label: "26 Nov". */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]}`;
}

/** The first characters of an id (a UUID's first group), for tables; the full id belongs in a title. */
export function shortId(id: string | null | undefined, length = 8): string {
  if (!id) return DASH;
  return id.length <= length ? id : `${id.slice(0, length)}…`;
}

/** "42 s", "3 min 20 s", "1 h 05 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  if (seconds === 0) return "0 s";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${String(Math.round(seconds % 60)).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}
