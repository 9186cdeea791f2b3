import type { SourceCapabilities } from "../contract";

/** What Hindsight can do over this store, each refusal with the sentence pages and the API show (kept apart from the adapter so pages need no pool). */
export const MESSAGE_DB_CAPABILITIES: SourceCapabilities = {
  append: { ok: false, reason: "Message DB streams are written by their own services through write_message; Hindsight only reads them." },
  archive: { ok: false, reason: "Archiving moves events of Hindsight's own store; a Message DB source is read-only to Hindsight." },
  cryptoShred: { ok: false, reason: "Message DB holds payloads in clear; crypto-shredding needs Hindsight's own store." },
  erasureDiscovery: { ok: true },
};
