import { createHash } from "node:crypto";
import type { SchemaRegistry } from "../schema/registry";
import type { AnyReducer } from "../stream-state/reducer";
import { sourceFingerprint } from "./source-fingerprint";

/** What a snapshot is valid for: the reducer's version and the hash of the upcasters feeding it. */
export type SnapshotKey = { reducerVersion: number; upcasterHash: string };

const cache = new WeakMap<SchemaRegistry, Map<string, string>>();

/**
 * A stable hash of the upcaster chain behind the event types a reducer reads: each type's version
 * count, and per upcaster its note and its source's fingerprint. Changing an upcaster changes
 * the folded state, so it changes the hash and every snapshot taken under the old one is ignored.
 * (An upcaster that calls a helper is only covered as far as its own source: keep them
 * self-contained, and change the note when behaviour changes elsewhere.)
 */
export function upcasterHash(reads: AnyReducer["reads"], registry: SchemaRegistry): string {
  const types = reads === "*" ? registry.all().map((d) => d.type) : [...reads];
  const key = [...new Set(types)].sort().join("\n");
  let perRegistry = cache.get(registry);
  if (!perRegistry) cache.set(registry, (perRegistry = new Map()));
  const known = perRegistry.get(key);
  if (known) return known;

  const parts = key.split("\n").map((type) => {
    const def = registry.get(type);
    if (!def) return `${type} unregistered`;
    const steps = def.versions.map((v, i) =>
      v.upcast ? `v${i + 1}->v${i + 2} ${JSON.stringify(v.upcastNote ?? "")} ${sourceFingerprint(v.upcast.toString())}` : `v${i + 1}`,
    );
    return [type, ...steps].join("\n");
  });
  const hash = createHash("sha256").update(parts.join("\n\n")).digest("hex").slice(0, 16);
  perRegistry.set(key, hash);
  return hash;
}

/** The snapshot key of a reducer under a registry. */
export function snapshotKeyOf(reducer: AnyReducer, registry: SchemaRegistry): SnapshotKey {
  return { reducerVersion: reducer.version, upcasterHash: upcasterHash(reducer.reads, registry) };
}
