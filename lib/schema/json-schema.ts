import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import { AppError } from "../errors";
import type { JsonObject } from "./registry";

/** Limits on a registered schema: it is untrusted input compiled into a validator. */
export const SCHEMA_LIMITS = { bytes: 64 * 1024, depth: 32, patternLength: 500 } as const;

/** A compiled data-registered schema and what its annotations say. */
export type CompiledSchema = {
  validate: ValidateFunction;
  /** Dot paths of the properties marked `"x-pii": true`. */
  piiPaths: string[];
  /** Dot path of the property marked `"x-subject": true`, or null. */
  subjectPath: string | null;
};

// One Ajv per process: strict (unknown keywords refused), no $data, no remote loading; formats are annotations only.
let ajv: Ajv2020 | undefined;
function getAjv(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ strict: true, allErrors: true, $data: false, validateFormats: false, addUsedSchema: false, inlineRefs: true });
    ajv.addKeyword({ keyword: "x-pii", schemaType: "boolean" });
    ajv.addKeyword({ keyword: "x-subject", schemaType: "boolean" });
  }
  return ajv;
}

/**
 * Checks and compiles a registered JSON Schema: size and depth capped, `$data` and any `$ref`
 * that leaves the document refused, an object at the top, `x-pii` only on properties reached
 * through `properties`, and one `x-subject` whenever there is PII. 422 with the reasons otherwise.
 */
export function compileDataSchema(schema: unknown): CompiledSchema {
  const problems: string[] = [];
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) throw invalid(["the schema must be a JSON object"]);
  if (JSON.stringify(schema).length > SCHEMA_LIMITS.bytes) throw invalid([`the schema is larger than ${SCHEMA_LIMITS.bytes} bytes`]);
  scan(schema, "", 0, problems);
  const root = schema as JsonObject;
  if (root.$schema !== undefined && root.$schema !== "https://json-schema.org/draft/2020-12/schema") problems.push("$schema must be https://json-schema.org/draft/2020-12/schema (or left out)");
  if (root.type !== "object") problems.push('the top-level schema must have "type": "object" (event data is an object)');
  const piiPaths: string[] = [];
  const subjects: string[] = [];
  annotations(root, [], piiPaths, subjects, problems);
  if (subjects.length > 1) problems.push(`only one property may be "x-subject" (found ${subjects.join(", ")})`);
  if (piiPaths.length && !subjects.length) problems.push('a schema with "x-pii" properties needs one "x-subject" property naming whose data they are');
  if (problems.length) throw invalid(problems);
  let validate: ValidateFunction;
  try {
    validate = getAjv().compile(schema);
  } catch (e) {
    throw invalid([(e as Error).message]);
  }
  return { validate, piiPaths, subjectPath: subjects[0] ?? null };
}

/** Ajv's errors as `{path, message}` with dot paths into the event ("data.email"). */
export function schemaIssues(errors: ErrorObject[] | null | undefined): { path: string[]; message: string }[] {
  return (errors ?? []).map((e) => {
    const path = e.instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (e.keyword === "required") path.push(String((e.params as { missingProperty: string }).missingProperty));
    if (e.keyword === "additionalProperties") path.push(String((e.params as { additionalProperty: string }).additionalProperty));
    return { path, message: e.message ?? "is not valid" };
  });
}

function invalid(reasons: string[]): AppError {
  return new AppError("validation_failed", `the schema is not accepted: ${reasons[0]}`, { reasons });
}

// Walks every node: depth, $data, $ref/$dynamicRef outside the document, over-long patterns.
function scan(node: unknown, at: string, depth: number, problems: string[]): void {
  if (depth > SCHEMA_LIMITS.depth) {
    problems.push(`the schema nests deeper than ${SCHEMA_LIMITS.depth} levels (at ${at || "/"})`);
    return;
  }
  if (Array.isArray(node)) return node.forEach((n, i) => scan(n, `${at}/${i}`, depth + 1, problems));
  if (!node || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$data") problems.push(`$data is not allowed (at ${at || "/"})`);
    if ((key === "$ref" || key === "$dynamicRef") && !(typeof value === "string" && value.startsWith("#"))) problems.push(`${key} may only point inside the schema ("#/..."), not ${JSON.stringify(value)} (at ${at || "/"})`);
    if (key === "$id" && depth > 0) problems.push(`$id is only allowed at the top (at ${at})`);
    if (key === "pattern" && typeof value === "string" && value.length > SCHEMA_LIMITS.patternLength) problems.push(`pattern longer than ${SCHEMA_LIMITS.patternLength} characters (at ${at})`);
    scan(value, `${at}/${key}`, depth + 1, problems);
  }
}

// x-pii / x-subject are honoured on properties reached through `properties` from the top; anywhere else they would be silently ignored, so they are refused.
function annotations(node: JsonObject, path: string[], pii: string[], subjects: string[], problems: string[], reachable = true): void {
  for (const [key, value] of Object.entries(node)) {
    if ((key === "x-pii" || key === "x-subject") && value === true) {
      if (!reachable || path.length === 0) problems.push(`"${key}" is only supported on object properties reached through "properties" (at ${path.join(".") || "the top"})`);
      else if (key === "x-pii") pii.push(path.join("."));
      else subjects.push(path.join("."));
    }
  }
  const props = node.properties;
  if (props && typeof props === "object" && !Array.isArray(props)) {
    for (const [name, sub] of Object.entries(props)) if (sub && typeof sub === "object" && !Array.isArray(sub)) annotations(sub as JsonObject, [...path, name], pii, subjects, problems, reachable);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" || !value || typeof value !== "object") continue;
    const children = Array.isArray(value) ? value : key === "$defs" || key === "patternProperties" || key === "dependentSchemas" ? Object.values(value) : [value];
    for (const child of children) if (child && typeof child === "object" && !Array.isArray(child)) annotations(child as JsonObject, path, pii, subjects, problems, false);
  }
}
