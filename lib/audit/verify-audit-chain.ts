import "server-only";
import { getPool } from "../db";
import { AT_UTC } from "./append-audit";
import { auditHash, GENESIS_HASH } from "./audit-hash";

export type ChainVerdict =
  | { ok: true; entries: number; head: { id: number; hash: string } | null }
  | {
      ok: false;
      entries: number;
      /** The first entry that does not check out. */
      brokenAt: number;
      reason: "content_altered" | "link_broken";
      message: string;
    };

const BATCH = 2000;

/**
 * Walks the whole chain in id order and recomputes every hash: an altered row fails its own
 * hash; a deleted or inserted row breaks the link of the row after it.
 */
export async function verifyAuditChain(): Promise<ChainVerdict> {
  const pool = getPool();
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let entries = 0;
  let head: { id: number; hash: string } | null = null;
  for (;;) {
    const { rows } = await pool.query<Row>(
      `SELECT id, ${AT_UTC} AS at, actor_id, actor_label, action, target, ip, user_agent, details, prev_hash, hash
         FROM audit_log WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
      [afterId],
    );
    for (const r of rows) {
      if (r.prev_hash !== prevHash) {
        return { ok: false, entries, brokenAt: r.id, reason: "link_broken", message: `entry #${r.id} does not follow the entry before it: an entry was removed, inserted or re-hashed` };
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
      if (expected !== r.hash) {
        return { ok: false, entries, brokenAt: r.id, reason: "content_altered", message: `entry #${r.id} was altered after it was written` };
      }
      prevHash = r.hash;
      head = { id: r.id, hash: r.hash };
      entries++;
    }
    if (rows.length < BATCH) return { ok: true, entries, head };
    afterId = rows[rows.length - 1].id;
  }
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
