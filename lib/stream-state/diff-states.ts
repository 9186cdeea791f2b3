import { isEnvelope } from "../schema/envelope";

export type PathSegment = string | number;

/** One field-level difference between two states. */
export type StateChange = {
  /** Readable path: `items[0].sku`, `payment.amount`, `["odd key"]`; "" for the whole state. */
  path: string;
  segments: PathSegment[];
  kind: "added" | "removed" | "changed";
  /** Absent for "added". */
  before?: unknown;
  /** Absent for "removed". */
  after?: unknown;
};

/**
 * The field-level changes from `before` to `after` (both JSON): objects by key, arrays by index
 * (an element inserted at the front shows as every later index changed), anything else by value.
 * A PII envelope is one value: two envelopes differ when their sealed text does.
 */
export function diffStates(before: unknown, after: unknown): StateChange[] {
  const changes: StateChange[] = [];
  walk(before, after, [], changes);
  return changes;
}

function walk(before: unknown, after: unknown, segments: PathSegment[], out: StateChange[]): void {
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !Object.hasOwn(before, k))];
    for (const key of keys) {
      const path = [...segments, key];
      if (!Object.hasOwn(after, key)) out.push(change("removed", path, { before: before[key] }));
      else if (!Object.hasOwn(before, key)) out.push(change("added", path, { after: after[key] }));
      else walk(before[key], after[key], path, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const path = [...segments, i];
      if (i >= after.length) out.push(change("removed", path, { before: before[i] }));
      else if (i >= before.length) out.push(change("added", path, { after: after[i] }));
      else walk(before[i], after[i], path, out);
    }
    return;
  }
  if (!jsonEqual(before, after)) out.push(change("changed", segments, { before, after }));
}

function change(kind: StateChange["kind"], segments: PathSegment[], values: { before?: unknown; after?: unknown }): StateChange {
  return { path: formatPath(segments), segments, kind, ...values };
}

/** A plain object that is not a PII envelope (envelopes compare whole). */
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isEnvelope(v);
}

/** Deep equality of JSON values (key order does not matter, as in jsonb). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const bo = b as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(bo, k) && jsonEqual((a as Record<string, unknown>)[k], bo[k]));
}

/** `items[0].sku` from ["items", 0, "sku"]; keys that are not plain names are quoted: `["a.b"]`. */
export function formatPath(segments: PathSegment[]): string {
  return segments
    .map((s, i) => (typeof s === "number" ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? (i === 0 ? s : `.${s}`) : `[${JSON.stringify(s)}]`))
    .join("");
}
