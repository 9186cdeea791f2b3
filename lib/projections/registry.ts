import { currentDomain } from "../domain/current-domain";
import type { AnyProjectionDef } from "./projection";

/** A domain's projections, every version of each: the live pointer picks one version per name. */
export class ProjectionRegistry {
  private readonly defs = new Map<string, AnyProjectionDef>();

  constructor(defs: AnyProjectionDef[]) {
    for (const def of defs) this.add(def);
  }

  /** Adds a definition (tests add their own projections this way). */
  add(def: AnyProjectionDef): void {
    const id = `${def.name}@${def.version}`;
    if (this.defs.has(id)) throw new Error(`projection ${id} is registered twice`);
    if (!/^[a-z][a-z0-9-]{0,62}$/.test(def.name)) throw new Error(`projection name ${def.name}: lower-case letters, digits and '-'`);
    this.defs.set(id, def);
  }

  find(name: string, version: number): AnyProjectionDef | undefined {
    return this.defs.get(`${name}@${version}`);
  }

  names(): string[] {
    return [...new Set([...this.defs.values()].map((d) => d.name))].sort();
  }

  /** Every version of one projection, oldest first. */
  versions(name: string): AnyProjectionDef[] {
    return [...this.defs.values()].filter((d) => d.name === name).sort((a, b) => a.version - b.version);
  }

  latest(name: string): AnyProjectionDef | undefined {
    return this.versions(name).at(-1);
  }
}

const perDomain = new WeakMap<object, ProjectionRegistry>();

/** The loaded domain's projections (built once per domain; tests add their own to it). */
export function projectionRegistry(): ProjectionRegistry {
  const domain = currentDomain();
  let registry = perDomain.get(domain);
  if (!registry) perDomain.set(domain, (registry = new ProjectionRegistry(domain.projections)));
  return registry;
}

/** The definition a stored version runs, or an error naming what is missing from the code. */
export function requireProjection(name: string, version: number): AnyProjectionDef {
  const def = projectionRegistry().find(name, version);
  if (!def) throw new Error(`projection ${name} v${version} is not in the loaded domain (${currentDomain().name})`);
  return def;
}
