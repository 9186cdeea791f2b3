import "server-only";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { assertCategory } from "../store/category-name";

export type ArchivePolicy = {
  category: string;
  olderThanDays: number;
  historyOnly: boolean;
  enabled: boolean;
  createdBy: string;
  updatedAt: string;
  /** Hot events of the category, and roughly (to the hour, from the rollups) how many the policy would move now, holds and snapshots aside. */
  hotEvents: number;
  dueEvents: number;
  /** What the policy has moved so far: events and the bytes they weighed hot, and the compressed bytes now in cold storage. */
  archivedEvents: number;
  archivedEventBytes: number;
  coldBytes: number;
};

/** Every archive policy with what it has saved and what is due. */
export async function listArchivePolicies(): Promise<ArchivePolicy[]> {
  const { rows } = await getPool().query<ArchivePolicy>(
    // From the streams' counts and the hourly rollups, minus what moved: no scan of events (the
    // growth page shows this too). "Due" is to the hour and counts held events too.
    `SELECT p.category, p.older_than_days AS "olderThanDays", p.history_only AS "historyOnly", p.enabled, p.created_by AS "createdBy", p.updated_at AS "updatedAt",
            greatest((SELECT coalesce(sum(s.event_count), 0) FROM streams s WHERE s.category = p.category) - coalesce(g.events, 0), 0)::bigint AS "hotEvents",
            greatest((SELECT coalesce(sum(r.count), 0) FROM rollups_hourly r
                       WHERE r.category = p.category AND r.bucket + interval '1 hour' <= now() - make_interval(days => p.older_than_days)) - coalesce(g.events, 0), 0)::bigint AS "dueEvents",
            coalesce(g.events, 0)::bigint AS "archivedEvents", coalesce(g.event_bytes, 0)::bigint AS "archivedEventBytes", coalesce(g.bytes, 0)::bigint AS "coldBytes"
       FROM archive_policies p
       LEFT JOIN (SELECT category, sum(event_count) AS events, sum(event_bytes) AS event_bytes, sum(bytes) AS bytes
                    FROM archive_segments WHERE kind = 'cold' GROUP BY category) g ON g.category = p.category
      ORDER BY p.category`,
  );
  return rows;
}

export type SaveArchivePolicyOptions = { category: string; olderThanDays: number; historyOnly: boolean; enabled: boolean; actor: Actor };

/** Creates or changes a category's policy (audited in the same transaction). */
export async function saveArchivePolicy(opts: SaveArchivePolicyOptions): Promise<{ created: boolean }> {
  assertCategory(opts.category, "category");
  return inTransaction(async (client) => {
    const before = await client.query<{ older_than_days: number; history_only: boolean; enabled: boolean }>(
      "SELECT older_than_days, history_only, enabled FROM archive_policies WHERE category = $1 FOR UPDATE",
      [opts.category],
    );
    await client.query(
      `INSERT INTO archive_policies (category, older_than_days, history_only, enabled, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (category) DO UPDATE SET older_than_days = $2, history_only = $3, enabled = $4, updated_at = now()`,
      [opts.category, opts.olderThanDays, opts.historyOnly, opts.enabled, opts.actor.label],
    );
    const created = before.rowCount === 0;
    await appendAudit(client, {
      actor: opts.actor,
      action: created ? "archive.policy_created" : "archive.policy_updated",
      target: `archive-policy:${opts.category}`,
      details: { olderThanDays: opts.olderThanDays, historyOnly: opts.historyOnly, enabled: opts.enabled, ...(created ? {} : { before: before.rows[0] }) },
    });
    return { created };
  });
}

/** Deletes a category's policy; what it archived stays archived (audited). */
export async function deleteArchivePolicy(opts: { category: string; actor: Actor }): Promise<void> {
  await inTransaction(async (client) => {
    const { rows } = await client.query<{ older_than_days: number }>("DELETE FROM archive_policies WHERE category = $1 RETURNING older_than_days", [opts.category]);
    if (!rows[0]) throw new AppError("not_found", `there is no archive policy for category ${opts.category}`);
    await appendAudit(client, { actor: opts.actor, action: "archive.policy_deleted", target: `archive-policy:${opts.category}`, details: { olderThanDays: rows[0].older_than_days } });
  });
}

/** Records that someone asked for a run now (the run itself is recorded in archive_runs). */
export async function auditRunNow(opts: { category: string; actor: Actor; runId: number | null; status: string; events: number }): Promise<void> {
  await inTransaction((client) =>
    appendAudit(client, { actor: opts.actor, action: "archive.run_requested", target: `archive-policy:${opts.category}`, details: { runId: opts.runId, status: opts.status, events: opts.events } }).then(() => undefined),
  );
}
