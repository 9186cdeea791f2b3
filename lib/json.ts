/** JSON with object keys sorted: the same value always gives the same text (request hashes). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How deeply stored JSON may nest: far below the thousands of levels where JSON.stringify and PostgreSQL run out of stack. */
export const MAX_JSON_DEPTH = 100;

// PostgreSQL text and jsonb cannot hold NUL, and UTF-8 has no encoding for a lone UTF-16 surrogate.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_TEXT = "contains a NUL character or a lone surrogate, which cannot be stored";

/** Why a JSON value (or string) cannot be stored as is, or null when it can. */
export function unstorableJson(value: unknown, depth = 0): string | null {
  if (typeof value === "string") return UNSTORABLE.test(value) ? UNSTORABLE_TEXT : null;
  if (value === null || typeof value !== "object") return null;
  if (depth >= MAX_JSON_DEPTH) return `is nested deeper than ${MAX_JSON_DEPTH} levels`;
  for (const [k, v] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    if (typeof k === "string" && UNSTORABLE.test(k)) return UNSTORABLE_TEXT;
    const problem = unstorableJson(v, depth + 1);
    if (problem) return problem;
  }
  return null;
}
