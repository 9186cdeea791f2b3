import { isDomain, type Domain } from "./domain";

// On globalThis so the web server's bundles (instrumentation and every route) and a worker's modules share one domain.
const SLOT = Symbol.for("hindsight.domain");
type Slot = { [SLOT]?: Domain };

/** Makes `domain` the one every registry reads from (called once at start, by the loader). */
export function installDomain(domain: unknown): Domain {
  if (!isDomain(domain)) throw new Error("the domain module must export the result of defineDomain(...) as its default export or as `domain`");
  (globalThis as Slot)[SLOT] = domain;
  return domain;
}

/** The loaded domain; throws when nothing loaded one (a start path that forgot to call loadDomain). */
export function currentDomain(): Domain {
  const domain = (globalThis as Slot)[SLOT];
  if (!domain) throw new Error("no domain is loaded: the web server loads it in instrumentation.ts, workers and scripts call loadDomain()");
  return domain;
}

/** The loaded domain, or null (health checks and pages that can say so). */
export function loadedDomain(): Domain | null {
  return (globalThis as Slot)[SLOT] ?? null;
}
