import type { SourceCapabilities } from "../contract";

/** What Hindsight can do over this store, each refusal with the sentence pages and the API show (kept apart from the adapter so pages need no pool). */
export const MARTEN_CAPABILITIES: SourceCapabilities = {
  append: { ok: false, reason: "Marten streams are written by the .NET application through Marten; Hindsight only reads them." },
  archive: { ok: false, reason: "Archiving moves events of Hindsight's own store; archive Marten streams with Marten's ArchiveStream." },
  cryptoShred: { ok: false, reason: "Marten holds payloads in clear; crypto-shredding needs Hindsight's own store." },
  erasureDiscovery: { ok: true },
};
