import type { Domain } from "./domain";
import { buildDomain } from "./build-domain";
import { importBuiltDomain } from "./import-domain";

/**
 * Compiles HINDSIGHT_DOMAIN (or the demo world) when its sources changed, then loads it: what a
 * worker or script calls at start. `applyDefaults` also creates the domain's snapshot policies and
 * alert rules that do not exist yet, loads the types registered as data and keeps the hindsight_read views
 * in step with its projections (needs DATABASE_URL).
 */
export async function loadDomain(opts: { root: string; log?: (line: string) => void; applyDefaults?: boolean }): Promise<Domain> {
  const built = await buildDomain({ root: opts.root });
  if (built.rebuilt) opts.log?.(`domain module compiled: ${built.entry}`);
  const domain = await importBuiltDomain(opts.root);
  opts.log?.(`domain ${domain.name}: ${domain.eventTypes.length} event types, ${domain.reducers.length} reducers, ${domain.projections.length} projection versions`);
  if (opts.applyDefaults) {
    const { applyDomainDefaults } = await import("./apply-domain-defaults");
    const added = await applyDomainDefaults(domain);
    if (added.policies || added.rules) opts.log?.(`domain defaults created: ${added.policies} snapshot policies, ${added.rules} alert rules`);
    const { ensureDataSchemas } = await import("../schema/data-schemas");
    await ensureDataSchemas();
    const { syncReadViews } = await import("../projections/sync-read-views");
    await syncReadViews();
  }
  return domain;
}
