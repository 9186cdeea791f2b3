import "server-only";
import { getPool } from "../db";
import { ensureDataSchemas } from "./data-schemas";
import type { JsonObject } from "./registry";
import { schemaRegistry } from "./registry";

export type EventTypeSummary = {
  type: string;
  source: "code" | "data";
  description: string;
  versions: { version: number; piiFields: string[]; upcastNote: string | null; schema?: JsonObject; upcast?: unknown[] | null }[];
};

/** The registry as the API shows it: code types first, then data types, each with its versions (data types with their JSON Schema). */
export async function listEventTypes(): Promise<EventTypeSummary[]> {
  await ensureDataSchemas();
  const { rows } = await getPool().query<{ type: string; version: number; schema: JsonObject; upcast: unknown[] | null }>("SELECT type, version, schema, upcast FROM data_schemas");
  const stored = new Map(rows.map((r) => [`${r.type}@${r.version}`, r]));
  return schemaRegistry()
    .all()
    .map((def) => ({
      type: def.type,
      source: def.source ?? "code",
      description: def.description,
      versions: def.versions.map((v, i) => {
        const row = def.source === "data" ? stored.get(`${def.type}@${i + 1}`) : undefined;
        return { version: i + 1, piiFields: (v.pii ?? []).map((p) => p.path), upcastNote: v.upcastNote ?? null, ...(row ? { schema: row.schema, upcast: row.upcast } : {}) };
      }),
    }))
    .sort((a, b) => (a.source === b.source ? a.type.localeCompare(b.type) : a.source === "code" ? -1 : 1));
}
