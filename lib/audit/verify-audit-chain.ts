import "server-only";
import { getAnchorStore, type AnchorStore } from "../archive/anchor-store";
import { getPool } from "../db";
import { loadAnchorKeys } from "./anchor-key";
import { AT_UTC } from "./append-audit";
import { verifyAnchor, type AuditAnchor } from "./audit-anchor";
import { auditHash, GENESIS_HASH } from "./audit-hash";

export type ChainVerdict =
  | { ok: true; entries: number; head: { id: number; hash: string } | null; anchors: AnchorCount }
  | {
      ok: false;
      entries: number;
      /** The first entry that does not check out (for a truncated tail: the first one missing). */
      brokenAt: number;
      reason: "content_altered" | "link_broken" | "anchor_mismatch" | "truncated";
      message: string;
      anchors: AnchorCount;
    };

/** Anchors compared with the chain, and anchors set aside because the public key did not verify them. */
export type AnchorCount = { checked: number; unverified: number };

export type VerifyAuditChainOptions = { anchors?: AnchorStore; publicKeyPem?: string };

const BATCH = 2000;

/**
 * Walks the whole chain in id order and recomputes every hash: an altered row fails its own
 * hash; a deleted or inserted row breaks the link of the row after it. Then it holds the chain
 * against the signed anchors kept outside the database: an anchored entry with another hash
 * means the chain was rewritten, an anchored entry that is gone means its tail was cut off.
 */
export async function verifyAuditChain(opts: VerifyAuditChainOptions = {}): Promise<ChainVerdict> {
  const { byId, count } = await signedAnchors(opts);
  const pool = getPool();
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let entries = 0;
  let head: { id: number; hash: string } | null = null;
  const broken = (brokenAt: number, reason: Extract<ChainVerdict, { ok: false }>["reason"], message: string): ChainVerdict => ({ ok: false, entries, brokenAt, reason, message, anchors: count });
  for (;;) {
    const { rows } = await pool.query<Row>(
      `SELECT id, ${AT_UTC} AS at, actor_id, actor_label, action, target, ip, user_agent, details, prev_hash, hash
         FROM audit_log WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
      [afterId],
    );
    for (const r of rows) {
      if (r.prev_hash !== prevHash) {
        return broken(r.id, "link_broken", `entry #${r.id} does not follow the entry before it: an entry was removed, inserted or re-hashed`);
      }
      const expected = auditHash(prevHash, {
        at: r.at,
        actorId: r.actor_id,
        actorLabel: r.actor_label,
        action: r.action,
        target: r.target,
        ip: r.ip,
        userAgent: r.user_agent,
        details: r.details,
      });
      if (expected !== r.hash) return broken(r.id, "content_altered", `entry #${r.id} was altered after it was written`);
      const differs = byId.get(r.id)?.find((a) => a.headHash !== r.hash);
      if (differs) {
        return broken(r.id, "anchor_mismatch", `entry #${r.id} is not the entry anchored at ${differs.at}: the chain was rewritten from here or earlier`);
      }
      prevHash = r.hash;
      head = { id: r.id, hash: r.hash };
      entries++;
    }
    if (rows.length < BATCH) break;
    afterId = rows[rows.length - 1].id;
  }
  const lastId = head?.id ?? 0;
  const beyond = [...byId.values()].flat().filter((a) => a.headId > lastId).sort((a, b) => b.headId - a.headId)[0];
  if (beyond) {
    return broken(lastId + 1, "truncated", `the chain ends at entry #${lastId}, but entry #${beyond.headId} was anchored at ${beyond.at}: newer entries were deleted`);
  }
  return { ok: true, entries, head, anchors: count };
}

// Only anchors the public key verifies count: anyone who can write files could drop in others.
async function signedAnchors(opts: VerifyAuditChainOptions): Promise<{ byId: Map<number, AuditAnchor[]>; count: AnchorCount }> {
  const listed = await (opts.anchors ?? getAnchorStore()).list();
  const byId = new Map<number, AuditAnchor[]>();
  const count: AnchorCount = { checked: 0, unverified: 0 };
  if (listed.length === 0) return { byId, count };
  const publicKeyPem = opts.publicKeyPem ?? loadAnchorKeys().publicKeyPem;
  for (const { anchor } of listed) {
    if (!anchor || !verifyAnchor(anchor, publicKeyPem)) {
      count.unverified++;
      continue;
    }
    count.checked++;
    if (anchor.headId > 0) byId.set(anchor.headId, [...(byId.get(anchor.headId) ?? []), anchor]);
  }
  return { byId, count };
}

type Row = {
  id: number;
  at: string;
  actor_id: string;
  actor_label: string;
  action: string;
  target: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

/** The newest entry's id and hash: publish it (logs, metrics) so a rewrite of the whole table shows. */
export async function getAuditChainHead(): Promise<{ id: number; hash: string; at: string } | null> {
  const { rows } = await getPool().query<{ id: number; hash: string; at: string }>(
    "SELECT id, hash, at FROM audit_log ORDER BY id DESC LIMIT 1",
  );
  return rows[0] ?? null;
}
