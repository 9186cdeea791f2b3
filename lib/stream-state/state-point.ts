import { AppError } from "../errors";
import { parseTime } from "../time";

// Stream versions are PostgreSQL integers (MAX_VERSION in lib/store/append-to-stream.ts, not imported: this module stays pure).
const MAX_VERSION = 2 ** 31 - 1;

/** A point in a stream's history: a version (0 = before its first event) or a time (RFC 3339, microseconds kept). */
export type StatePoint = { version: number } | { at: string };

/**
 * Reads a point as the API takes it: digits are a version, anything else must be an RFC 3339
 * time. Throws a 422 naming `field` otherwise.
 */
export function parsePoint(value: string, field: string): StatePoint {
  if (/^\d+$/.test(value)) {
    const version = Number(value);
    if (version > MAX_VERSION) throw new AppError("validation_failed", `${field} is past the largest stream version`, { field });
    return { version };
  }
  if (parseTime(value) !== null) return { at: value };
  throw new AppError("validation_failed", `${field} must be a stream version (a whole number) or an RFC 3339 time`, { field });
}

/** A point as text for messages and logs. */
export function describePoint(point: StatePoint): string {
  return "version" in point ? `version ${point.version}` : `time ${point.at}`;
}
