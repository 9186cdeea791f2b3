import "server-only";
import { AppError } from "../errors";
import { isEnvelope, openValue, parseEnvelope, sealValue, type Envelope } from "./envelope";
import type { JsonObject, SchemaVersionDef } from "./registry";
import { ERASED, MASKED } from "./pii-markers";
import { getSubjectKeys } from "./subject-keys";

export type PiiMode = "clear" | "masked";
export { ERASED, MASKED };

const SUBJECT = /^[^\s:]{1,200}$/;

/** Which subject an event's PII belongs to and which of its fields are PII (none for unregistered types). */
export function piiOf(def: SchemaVersionDef | undefined, data: JsonObject): { subject: string; paths: string[] } | null {
  if (!def?.pii?.length || !def.subject) return null;
  const paths = def.pii.map((f) => f.path).filter((p) => getPath(data, p) !== undefined && getPath(data, p) !== null);
  if (paths.length === 0) return null;
  const subject = def.subject(data);
  if (!SUBJECT.test(subject)) throw new AppError("validation_failed", `invalid data subject id ${JSON.stringify(subject)}`);
  return { subject, paths };
}

/** Replaces the PII fields of validated plaintext data by envelopes under the subject's key. */
export function sealFields(data: JsonObject, paths: string[], subject: string, keyId: string, key: Buffer): JsonObject {
  const copy = structuredClone(data);
  for (const path of paths) setPath(copy, path, sealValue(getPath(copy, path), subject, keyId, key));
  return copy;
}

/**
 * Renders stored values for a caller: each envelope becomes its plaintext (mode "clear"),
 * "[masked]", or "[erased]" once the subject's key is destroyed. Keys load once per call.
 */
export async function renderPii<T>(values: T[], mode: PiiMode): Promise<T[]> {
  const subjects = new Set<string>();
  for (const v of values) collectSubjects(v, subjects);
  if (subjects.size === 0) return values;
  const keys = await getSubjectKeys([...subjects]);
  const render = (env: Envelope): unknown => {
    const parsed = parseEnvelope(env);
    const key = parsed && keys.get(parsed.subject);
    if (!parsed || !key || key.status === "destroyed") return ERASED;
    if (mode === "masked") return MASKED;
    if (key.keyId !== parsed.keyId) return ERASED;
    try {
      return openValue(parsed, key.key);
    } catch {
      return ERASED;
    }
  };
  return values.map((v) => mapEnvelopes(v, render) as T);
}

function collectSubjects(value: unknown, into: Set<string>): void {
  if (isEnvelope(value)) {
    const subject = value.$pii.split(":", 1)[0];
    into.add(subject);
  } else if (Array.isArray(value)) {
    for (const v of value) collectSubjects(v, into);
  } else if (value && typeof value === "object") {
    for (const v of Object.values(value)) collectSubjects(v, into);
  }
}

/** Applies `fn` to every envelope anywhere in a JSON value (unregistered types included). */
export function mapEnvelopes(value: unknown, fn: (e: Envelope) => unknown): unknown {
  if (isEnvelope(value)) return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapEnvelopes(v, fn));
  if (value && typeof value === "object") {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapEnvelopes(v, fn);
    return out;
  }
  return value;
}

/** The value at a dotted path of a payload; undefined where the path leads nowhere. */
export function getPath(obj: JsonObject, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (!cur || typeof cur !== "object") return undefined;
    cur = (cur as JsonObject)[part];
  }
  return cur;
}

function setPath(obj: JsonObject, path: string, value: unknown): void {
  const parts = path.split(".");
  let cur = obj;
  for (const part of parts.slice(0, -1)) cur = cur[part] as JsonObject;
  cur[parts[parts.length - 1]] = value;
}
