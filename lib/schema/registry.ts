import type { z } from "zod";
import { currentDomain } from "../domain/current-domain";
import { dataSchemaSlot } from "./data-schema-slot";

export type JsonObject = { [key: string]: unknown };

/** A PII field of one schema version: where it sits in `data` and whose data it is. */
export type PiiField = { path: string };

/** What appends validate with: a zod schema, or a compiled JSON Schema that answers the same way. */
export type DataValidator = {
  safeParse(data: unknown): { success: true } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
};

/** One schema version of an event type. `upcast` turns this version's data into the next's. */
export type SchemaVersionDef = {
  schema: z.ZodType<JsonObject> | DataValidator;
  pii?: PiiField[];
  /** The data subject the PII fields belong to (required when `pii` is set). */
  subject?: (data: JsonObject) => string;
  /** Explains the upcaster in the UI, e.g. "discountCode defaults to null". */
  upcastNote?: string;
  /** Turns stored data of this version into the next version's shape. Sees envelopes, never plaintext PII. */
  upcast?: (data: JsonObject) => JsonObject;
};

export type EventTypeDef = {
  type: string;
  description: string;
  /** "code" (the domain module, the default) or "data" (registered as JSON Schema over the API). */
  source?: "code" | "data";
  /** versions[0] is schema version 1. */
  versions: SchemaVersionDef[];
};

export type UpcastStep = { from: number; to: number; note: string };

/** A registry of event types: lookups, validation targets and upcasting. */
export class SchemaRegistry {
  private readonly types = new Map<string, EventTypeDef>();

  constructor(defs: EventTypeDef[]) {
    for (const def of defs) {
      if (this.types.has(def.type)) throw new Error(`event type ${def.type} is registered twice`);
      def.versions.forEach((v, i) => {
        if (v.pii?.length && !v.subject) throw new Error(`${def.type} v${i + 1} has PII but no subject`);
        if (i < def.versions.length - 1 && !v.upcast) throw new Error(`${def.type} v${i + 1} has no upcaster to v${i + 2}`);
      });
      this.types.set(def.type, def);
    }
  }

  get(type: string): EventTypeDef | undefined {
    return this.types.get(type);
  }

  all(): EventTypeDef[] {
    return [...this.types.values()];
  }

  latestVersion(type: string): number | undefined {
    const def = this.types.get(type);
    return def ? def.versions.length : undefined;
  }

  version(type: string, version: number): SchemaVersionDef | undefined {
    return this.types.get(type)?.versions[version - 1];
  }

  /** Upcasts stored data to the latest version; unregistered types pass through unchanged. */
  upcast(type: string, storedVersion: number, data: JsonObject): { data: JsonObject; schemaVersion: number; steps: UpcastStep[] } {
    const def = this.types.get(type);
    if (!def || storedVersion >= def.versions.length) return { data, schemaVersion: storedVersion, steps: [] };
    let current = data;
    const steps: UpcastStep[] = [];
    for (let v = storedVersion; v < def.versions.length; v++) {
      const step = def.versions[v - 1];
      current = step.upcast!(current);
      steps.push({ from: v, to: v + 1, note: step.upcastNote ?? "" });
    }
    return { data: current, schemaVersion: def.versions.length, steps };
  }
}

const perDomain = new WeakMap<object, { generation: number; registry: SchemaRegistry }>();

/**
 * One registry of the loaded domain's event types (source "code") and the types registered as
 * data (source "data"), rebuilt when either changes. Code wins a name both claim (registration
 * refuses it, so this only matters for a type added to code later).
 */
export function schemaRegistry(): SchemaRegistry {
  const domain = currentDomain();
  const data = dataSchemaSlot();
  const known = perDomain.get(domain);
  if (known && known.generation === data.generation) return known.registry;
  const code = domain.eventTypes.map((t) => ({ ...t, source: "code" as const }));
  const names = new Set(code.map((t) => t.type));
  const registry = new SchemaRegistry([...code, ...[...data.defs.values()].filter((t) => !names.has(t.type))]);
  perDomain.set(domain, { generation: data.generation, registry });
  return registry;
}
