import type { SourceCapabilities } from "../contract";

/** The capabilities every other store lacks, each with the sentence pages and the API show. */
export function ownStoreOnly(store: string): SourceCapabilities {
  const why = (what: string) => ({ ok: false as const, reason: `${what} works on Hindsight's own store only: this Hindsight reads a ${store} store, which its own clients write` });
  return {
    append: why("Appending"),
    archive: why("Archiving"),
    cryptoShred: why("Crypto-shredding"),
    erasureDiscovery: { ok: true },
  };
}
