import { applyOperation, deepClone, getValueByPointer, validate, type Operation } from "fast-json-patch";
import { AppError } from "../errors";
import type { JsonObject } from "./registry";

/** The JSON Patch operations an upcast may use: add a field with its default, move (rename or nest), remove, copy. */
export const UPCAST_OPS = ["add", "move", "remove", "copy"] as const;
export type UpcastOp = Extract<Operation, { op: (typeof UPCAST_OPS)[number] }>;

const MAX_OPS = 100;

/** Checks a registered upcast: a list of at most 100 RFC 6902 operations of the four kinds, none touching the document root. */
export function parseUpcast(ops: unknown): UpcastOp[] {
  const reasons: string[] = [];
  if (!Array.isArray(ops)) throw new AppError("validation_failed", "upcast must be an array of JSON Patch operations", { reasons: ["upcast must be an array"] });
  if (ops.length > MAX_OPS) reasons.push(`upcast has more than ${MAX_OPS} operations`);
  ops.forEach((op, i) => {
    const kind = (op as { op?: unknown })?.op;
    if (!UPCAST_OPS.includes(kind as UpcastOp["op"])) reasons.push(`operation ${i}: op must be one of ${UPCAST_OPS.join(", ")}`);
    for (const key of ["path", "from"] as const) {
      const p = (op as Record<string, unknown>)?.[key];
      if (p === "" || p === "/") reasons.push(`operation ${i}: ${key} may not be the whole document`);
    }
  });
  if (!reasons.length) {
    const error = validate(ops as Operation[]);
    if (error) reasons.push(`operation ${error.index}: ${error.message.split("\n")[0]}`);
  }
  if (reasons.length) throw new AppError("validation_failed", `the upcast is not accepted: ${reasons[0]}`, { reasons });
  return ops as UpcastOp[];
}

/**
 * Applies an upcast to stored data (PII envelopes are moved or copied as they are): a source
 * that is absent is passed over, and missing parents of a target are created as objects, so an
 * event that never had an optional field upcasts cleanly.
 */
export function applyUpcast(data: JsonObject, ops: readonly UpcastOp[]): JsonObject {
  const doc = deepClone(data) as JsonObject;
  for (const op of ops) {
    const source = op.op === "move" || op.op === "copy" ? op.from : op.op === "remove" ? op.path : null;
    if (source !== null && getValueByPointer(doc, source) === undefined) continue;
    if (op.op !== "remove") ensureParents(doc, op.path);
    applyOperation(doc, op, false, true);
  }
  return doc;
}

function ensureParents(doc: JsonObject, pointer: string): void {
  const parts = pointer.split("/").slice(1, -1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let cur: JsonObject = doc;
  for (const part of parts) {
    if (cur[part] === undefined || cur[part] === null) cur[part] = {};
    if (typeof cur[part] !== "object") return;
    cur = cur[part] as JsonObject;
  }
}

/** The fields an upcast writes (targets) and takes away (removed or moved), as dot paths. */
export function upcastTouches(ops: readonly UpcastOp[]): { writes: Set<string>; drops: Set<string> } {
  const dot = (p: string) => p.split("/").slice(1).join(".");
  const writes = new Set<string>();
  const drops = new Set<string>();
  for (const op of ops) {
    if (op.op !== "remove") writes.add(dot(op.path));
    if (op.op === "remove") drops.add(dot(op.path));
    if (op.op === "move") drops.add(dot(op.from));
  }
  return { writes, drops };
}
