import type { EventTypeDef } from "../schema/registry";
import { parseCron } from "../projections/cron";
import type { AnyProjectionDef } from "../projections/projection";
import type { AnyReducer } from "../stream-state/reducer";

/** Take a snapshot of a category's streams every N events (created at start when the category has no policy yet). */
export type DomainSnapshotPolicy = { category: string; everyNEvents: number };

/** An alert rule the domain ships with (created at start when no rule of that name exists; edits in the console win). */
export type DomainAlertRule = { name: string; kind: string; severity?: "info" | "warning" | "critical"; params: Record<string, unknown> };

/** What a domain module gives Hindsight: its event types, how its streams fold, its read models and defaults. */
export type DomainDef = {
  /** Shown in the console and logs, e.g. "demo" or "billing". */
  name: string;
  eventTypes: EventTypeDef[];
  /** One reducer per stream category; categories without one fold with the generic reducer. */
  reducers?: AnyReducer[];
  /** Every version of every projection (the live pointer picks one per name). */
  projections?: AnyProjectionDef[];
  snapshotPolicies?: DomainSnapshotPolicy[];
  alertRules?: DomainAlertRule[];
};

/** A checked domain: every list present, frozen so a module cannot change it after loading. */
export type Domain = Readonly<Required<DomainDef>> & { readonly __hindsightDomain: 1 };

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Declares a domain module (its default export, or an export named `domain`). It checks what can
 * be checked without a database: duplicate types, reducers or projection versions, PII without a
 * subject, a version without an upcaster to the next, and names the console cannot hold.
 */
export function defineDomain(def: DomainDef): Domain {
  const problems: string[] = [];
  if (!def || typeof def !== "object") throw new Error("defineDomain: expected an object");
  if (typeof def.name !== "string" || !NAME.test(def.name)) problems.push(`name ${JSON.stringify(def.name)}: lower-case letters, digits and '-'`);
  if (!Array.isArray(def.eventTypes)) problems.push("eventTypes must be an array");
  const types = new Set<string>();
  for (const t of def.eventTypes ?? []) {
    if (types.has(t.type)) problems.push(`event type ${t.type} is listed twice`);
    types.add(t.type);
    if (!Array.isArray(t.versions) || t.versions.length === 0) problems.push(`event type ${t.type} has no versions`);
    t.versions?.forEach((v, i) => {
      if (typeof v.schema?.safeParse !== "function") problems.push(`${t.type} v${i + 1}: schema must be a zod schema`);
      if (v.pii?.length && typeof v.subject !== "function") problems.push(`${t.type} v${i + 1} has PII but no subject`);
      if (i < t.versions.length - 1 && typeof v.upcast !== "function") problems.push(`${t.type} v${i + 1} has no upcaster to v${i + 2}`);
    });
  }
  const categories = new Set<string>();
  for (const r of def.reducers ?? []) {
    if (categories.has(r.category)) problems.push(`two reducers for category ${r.category}`);
    categories.add(r.category);
    if (!Number.isInteger(r.version) || r.version < 1) problems.push(`reducer ${r.category}: version must be a positive integer`);
  }
  const projections = new Set<string>();
  for (const p of def.projections ?? []) {
    const id = `${p.name}@${p.version}`;
    if (projections.has(id)) problems.push(`projection ${id} is listed twice`);
    projections.add(id);
    if (!NAME.test(p.name)) problems.push(`projection name ${p.name}: lower-case letters, digits and '-'`);
    if (p.drill) {
      try {
        parseCron(p.drill.cron);
      } catch (e) {
        problems.push(`projection ${id} drill: ${(e as Error).message}`);
      }
      if (!(p.drill.rtoSeconds > 0)) problems.push(`projection ${id} drill: rtoSeconds must be above 0`);
    }
  }
  for (const s of def.snapshotPolicies ?? []) {
    if (!Number.isInteger(s.everyNEvents) || s.everyNEvents < 1) problems.push(`snapshot policy ${s.category}: everyNEvents must be a positive integer`);
  }
  if (problems.length) throw new Error(`domain ${def.name ?? "(unnamed)"} is invalid:\n  ${problems.join("\n  ")}`);
  return Object.freeze({
    name: def.name,
    eventTypes: def.eventTypes,
    reducers: def.reducers ?? [],
    projections: def.projections ?? [],
    snapshotPolicies: def.snapshotPolicies ?? [],
    alertRules: def.alertRules ?? [],
    __hindsightDomain: 1 as const,
  });
}

/** True for what defineDomain returned (possibly from another copy of this file, bundled into a module). */
export function isDomain(value: unknown): value is Domain {
  return !!value && typeof value === "object" && (value as { __hindsightDomain?: unknown }).__hindsightDomain === 1;
}
