import "server-only";
import { getPool } from "../db";
import { ensureDataSchemas } from "./data-schemas";
import { schemaRegistry, type SchemaRegistry, type UpcastStep } from "./registry";

export type SchemaVersionUsage = {
  version: number;
  /** Events stored at this schema version. */
  stored: number;
  /** PII fields of this version (dotted paths into `data`). */
  pii: string[];
  /** The upcaster from this version to the next, or null for the latest. */
  upcastsTo: UpcastStep | null;
};

export type RegisteredTypeUsage = {
  type: string;
  description: string;
  /** Where the type is defined: the domain module's code, or JSON Schema registered over the API. */
  source: "code" | "data";
  latestVersion: number;
  versions: SchemaVersionUsage[];
  /** Every step from v1 to the latest, in order. */
  upcasterChain: UpcastStep[];
  /** PII fields of any version. */
  piiFields: string[];
  stored: number;
  /** Stored versions the registry does not know (appends refuse them; older code wrote them). */
  unknownVersions: { version: number; stored: number }[];
};

export type UnregisteredTypeUsage = { type: string; stored: number; versions: { version: number; stored: number }[] };

export type SchemaUsage = { registered: RegisteredTypeUsage[]; unregistered: UnregisteredTypeUsage[] };

/**
 * The Schemas page's overview: each registered event type with its versions, how many events
 * are stored at each, its upcaster chain and its PII fields, plus the unregistered types the
 * store holds. The counts are a GROUP BY over all events for now: on a large store they should
 * come from the hourly rollups (per type and schema version) once those exist.
 */
export async function listSchemaUsage(given?: SchemaRegistry): Promise<SchemaUsage> {
  if (!given) await ensureDataSchemas();
  const registry = given ?? schemaRegistry();
  const { rows } = await getPool().query<{ type: string; schema_version: number; stored: number }>(
    "SELECT type, schema_version, count(*)::bigint AS stored FROM events GROUP BY type, schema_version ORDER BY type, schema_version",
  );
  const counts = new Map<string, Map<number, number>>();
  for (const r of rows) {
    if (!counts.has(r.type)) counts.set(r.type, new Map());
    counts.get(r.type)!.set(r.schema_version, r.stored);
  }
  const registered = registry.all().map((def): RegisteredTypeUsage => {
    const stored = counts.get(def.type) ?? new Map<number, number>();
    const versions = def.versions.map((v, i): SchemaVersionUsage => ({
      version: i + 1,
      stored: stored.get(i + 1) ?? 0,
      pii: (v.pii ?? []).map((f) => f.path),
      upcastsTo: v.upcast ? { from: i + 1, to: i + 2, note: v.upcastNote ?? "" } : null,
    }));
    return {
      type: def.type,
      description: def.description,
      source: def.source ?? "code",
      latestVersion: def.versions.length,
      versions,
      upcasterChain: versions.flatMap((v) => (v.upcastsTo ? [v.upcastsTo] : [])),
      piiFields: [...new Set(versions.flatMap((v) => v.pii))],
      stored: [...stored.values()].reduce((a, b) => a + b, 0),
      unknownVersions: [...stored].filter(([v]) => v < 1 || v > def.versions.length).map(([version, n]) => ({ version, stored: n })),
    };
  });
  const unregistered = [...counts]
    .filter(([type]) => !registry.get(type))
    .map(([type, byVersion]) => ({
      type,
      stored: [...byVersion.values()].reduce((a, b) => a + b, 0),
      versions: [...byVersion].map(([version, stored]) => ({ version, stored })),
    }))
    .sort((a, b) => b.stored - a.stored || (a.type < b.type ? -1 : 1));
  return { registered, unregistered };
}
