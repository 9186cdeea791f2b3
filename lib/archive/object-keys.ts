import { createHash } from "node:crypto";

// Archive object keys are built only here. A category or stream id can hold anything a stream id
// may (`/`, `..`, `%2e`, any script), so each name becomes one ASCII path segment that cannot be
// `.`/`..`, cannot hold a `/`, and stays short: a slug for people plus a hash for uniqueness. The
// real names live in the segment's manifest and row.

const SLUG_MAX = 40;
const HASH_HEX = 16;

/** One safe path segment for any name: `[A-Za-z0-9_-]{0,40}~<16 hex>`, at most 57 bytes. */
export function keySegment(name: string): string {
  const slug = name.normalize("NFKD").replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, SLUG_MAX);
  const hash = createHash("sha256").update(name, "utf8").digest("hex").slice(0, HASH_HEX);
  return `${slug}~${hash}`;
}

const SEGMENT = `[A-Za-z0-9_-]{0,${SLUG_MAX}}~[0-9a-f]{${HASH_HEX}}`;
const MANIFEST = "(?:\\.manifest\\.json)?";

/** The folder of a category's cold segments. */
export function coldPrefix(category: string): string {
  return `cold/${keySegment(category)}/`;
}

/** A cold segment's key: its category folder, its position range and a digest of its ranges. */
export function coldKey(category: string, minPos: number, maxPos: number, digest: string): string {
  if (!/^[0-9a-f]{16}$/.test(digest)) throw new Error("a cold segment digest is 16 hex digits");
  return `${coldPrefix(category)}${pad(minPos)}-${pad(maxPos)}-${digest}.ndjson.gz`;
}

/** Whether `key` is a cold segment (or its manifest) this release writes under `prefix`. */
export function isOwnColdKey(prefix: string, key: string): boolean {
  return key.startsWith(prefix) && new RegExp(`^${escape(prefix)}\\d{15}-\\d{15}-[0-9a-f]{${HASH_HEX}}\\.ndjson\\.gz${MANIFEST}$`).test(key);
}

export const HOLD_PREFIX = "hold/";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** A hold segment's key: the hold, the stream (as a safe segment) and the version range. */
export function holdKey(holdId: string, streamId: string, fromVersion: number, toVersion: number): string {
  if (!new RegExp(`^${UUID}$`).test(holdId)) throw new Error(`a legal hold id is a UUID, not ${JSON.stringify(holdId)}`);
  return `${HOLD_PREFIX}${holdId}/${keySegment(streamId)}/${int(fromVersion)}-${int(toVersion)}.ndjson.gz`;
}

/** Whether `key` is a hold segment (or its manifest) this release writes. */
export function isOwnHoldKey(key: string): boolean {
  return new RegExp(`^hold/${UUID}/${SEGMENT}/\\d+-\\d+\\.ndjson\\.gz${MANIFEST}$`).test(key);
}

function pad(n: number): string {
  return String(int(n)).padStart(15, "0");
}

function int(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a position or version: ${n}`);
  return n;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
