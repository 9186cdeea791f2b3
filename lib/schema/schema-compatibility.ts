import type { JsonObject } from "./registry";
import { upcastTouches, type UpcastOp } from "./patch-upcast";

type Node = JsonObject & { properties?: Record<string, JsonObject>; required?: string[]; additionalProperties?: unknown; type?: unknown; enum?: unknown[] };

/**
 * Why data valid under `prev` (after `upcast`) may not be valid under `next`, read from the two
 * schemas alone: a newly required field the upcast does not write, a field no longer allowed that
 * the upcast does not take away, a changed type or a narrowed enum the upcast does not rewrite.
 * The replay of stored events (register-data-schema.ts) catches what this cannot see.
 */
export function structuralBreaks(prev: JsonObject, next: JsonObject, upcast: readonly UpcastOp[], versions: { from: number; to: number }): string[] {
  const touches = upcastTouches(upcast);
  const reasons: string[] = [];
  walk(prev as Node, next as Node, [], touches, reasons, versions);
  return reasons;
}

function walk(prev: Node, next: Node, at: string[], touches: ReturnType<typeof upcastTouches>, reasons: string[], v: { from: number; to: number }): void {
  const name = (field: string) => [...at, field].join(".");
  const written = (field: string) => touches.writes.has(name(field));
  const prevProps = prev.properties ?? {};
  const nextProps = next.properties ?? {};
  const prevRequired = new Set(prev.required ?? []);
  for (const field of next.required ?? []) {
    if (!prevRequired.has(field) && !written(field)) {
      reasons.push(`${name(field)} is required in v${v.to} but v${v.from} events may lack it: add it with a default in the upcast (or move it from the field it was)`);
    }
  }
  if (next.additionalProperties === false) {
    for (const field of Object.keys(prevProps)) {
      if (!(field in nextProps) && !touches.drops.has(name(field))) reasons.push(`${name(field)} existed in v${v.from} and is not allowed in v${v.to}: remove or move it in the upcast`);
    }
  }
  for (const [field, before] of Object.entries(prevProps)) {
    const after = nextProps[field];
    if (!after || written(field) || !before || typeof before !== "object") continue;
    const tb = types(before.type);
    const ta = types(after.type);
    if (tb && ta && tb.some((t) => !ta.includes(t) && !(t === "integer" && ta.includes("number")))) {
      reasons.push(`${name(field)} changed type from ${tb.join("|")} to ${ta.join("|")}: rewrite it in the upcast (move the old value aside and add the new one)`);
    }
    const [oldEnum, newEnum] = [before.enum, after.enum];
    if (Array.isArray(oldEnum) && Array.isArray(newEnum)) {
      const lost = oldEnum.filter((x) => !newEnum.some((y) => JSON.stringify(y) === JSON.stringify(x)));
      if (lost.length) reasons.push(`${name(field)} no longer accepts ${lost.map((x) => JSON.stringify(x)).join(", ")}, which v${v.from} events may hold`);
    }
    if (types(before.type)?.includes("object") && types(after.type)?.includes("object")) walk(before as Node, after as Node, [...at, field], touches, reasons, v);
  }
}

function types(t: unknown): string[] | null {
  if (typeof t === "string") return [t];
  if (Array.isArray(t) && t.every((x) => typeof x === "string")) return t as string[];
  return null;
}
