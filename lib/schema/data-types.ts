import { compileDataSchema, schemaIssues } from "./json-schema";
import { applyUpcast, type UpcastOp } from "./patch-upcast";
import type { EventTypeDef, JsonObject, SchemaVersionDef } from "./registry";

/** One stored version of a data-registered type, as the data_schemas table holds it. */
export type DataSchemaRow = { type: string; version: number; schema: JsonObject; upcast: UpcastOp[] | null; description: string };

/**
 * Turns a data-registered type's versions (1..n, contiguous) into the registry's form: an Ajv
 * validator that answers like zod's safeParse, PII fields and subject from the annotations, and
 * each version's upcast (stored on n+1 as JSON Patch) as the upcaster of version n.
 */
export function dataTypeDef(rows: DataSchemaRow[]): EventTypeDef & { source: "data" } {
  const sorted = [...rows].sort((a, b) => a.version - b.version);
  const versions = sorted.map((row, i): SchemaVersionDef => {
    const compiled = compileDataSchema(row.schema);
    const next = sorted[i + 1];
    const ops = next ? (next.upcast ?? []) : undefined;
    return {
      schema: {
        safeParse(data: unknown) {
          if (compiled.validate(data)) return { success: true as const, data: data as JsonObject };
          return { success: false as const, error: { issues: schemaIssues(compiled.validate.errors) } };
        },
      },
      pii: compiled.piiPaths.map((path) => ({ path })),
      subject: compiled.subjectPath ? (d) => String(valueAt(d, compiled.subjectPath!)) : undefined,
      // The note carries the operations, so the snapshot key changes whenever they do.
      upcastNote: ops ? `JSON Patch ${JSON.stringify(ops)}` : undefined,
      upcast: ops ? (d) => applyUpcast(d, ops) : undefined,
    };
  });
  return { type: sorted[0].type, description: sorted.at(-1)!.description, versions, source: "data" };
}

function valueAt(data: JsonObject, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split(".")) cur = cur && typeof cur === "object" ? (cur as JsonObject)[part] : undefined;
  return cur;
}
