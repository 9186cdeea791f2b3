import "server-only";
import { getAnchorStore, type AnchorStore } from "../archive/anchor-store";
import { loadAnchorKeys, type AnchorKeys } from "./anchor-key";
import { signAnchor, type AuditAnchor } from "./audit-anchor";
import { GENESIS_HASH } from "./audit-hash";
import { getAuditChainHead } from "./verify-audit-chain";

export type WriteAuditAnchorOptions = { store?: AnchorStore; keys?: AnchorKeys };

/** Signs the chain's current head and writes it to the archive backend; returns the anchor and its key. */
export async function writeAuditAnchor(opts: WriteAuditAnchorOptions = {}): Promise<{ anchor: AuditAnchor; key: string }> {
  const keys = opts.keys ?? loadAnchorKeys();
  const head = await getAuditChainHead();
  const anchor = signAnchor(head ?? { id: 0, hash: GENESIS_HASH }, new Date().toISOString(), keys.privateKey);
  const key = await (opts.store ?? getAnchorStore()).write(anchor);
  return { anchor, key };
}
