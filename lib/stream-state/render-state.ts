import "server-only";
import { renderPii, type PiiMode } from "../schema/pii";
import type { JsonObject } from "../schema/registry";

/**
 * Renders values for a caller — each PII envelope becomes its plaintext, "[masked]" or
 * "[erased]" (subject keys load once for all of them) — and puts object keys in a fixed order:
 * jsonb reorders keys, so a state read from a snapshot would otherwise print differently from
 * the same state folded from the first event. The top level keeps the reducer's own order.
 */
export async function renderForCaller<T extends unknown[]>(values: T, pii: PiiMode, topLevelOrder: string[] = []): Promise<T> {
  const rendered = await renderPii(values, pii);
  return rendered.map((v) => orderKeys(v, topLevelOrder)) as T;
}

/** A copy of a JSON value with object keys sorted (the top level: `first` in its order, then the rest sorted). */
export function orderKeys(value: unknown, first: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => orderKeys(v));
  if (value === null || typeof value !== "object") return value;
  const obj = value as JsonObject;
  const rank = new Map(first.map((k, i) => [k, i]));
  const keys = Object.keys(obj).sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
  const out: JsonObject = {};
  for (const k of keys) out[k] = orderKeys(obj[k]);
  return out;
}
