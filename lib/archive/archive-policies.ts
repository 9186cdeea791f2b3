import "server-only";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { prismaOn } from "../prisma-on";
import { orNotFound } from "../prisma-errors";
import { transactionNow } from "../prisma-time";
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

/** Every archive policy with what it has saved and what is due (SQL: sums over other tables per row). */
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
    // The row lock stays SQL (Prisma has none): two saves at once audit each other's "before" correctly.
    const before = await client.query<{ older_than_days: number; history_only: boolean; enabled: boolean }>(
      "SELECT older_than_days, history_only, enabled FROM archive_policies WHERE category = $1 FOR UPDATE",
      [opts.category],
    );
    const settings = { olderThanDays: opts.olderThanDays, historyOnly: opts.historyOnly, enabled: opts.enabled };
    await prismaOn(client).archivePolicy.upsert({
      where: { category: opts.category },
      create: { category: opts.category, ...settings, createdBy: opts.actor.label },
      update: { ...settings, updatedAt: await transactionNow(client) },
    });
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
    const policy = await prismaOn(client).archivePolicy.delete({ where: { category: opts.category }, select: { olderThanDays: true } }).catch(orNotFound);
    if (!policy) throw new AppError("not_found", `there is no archive policy for category ${opts.category}`);
    await appendAudit(client, { actor: opts.actor, action: "archive.policy_deleted", target: `archive-policy:${opts.category}`, details: { olderThanDays: policy.olderThanDays } });
  });
}

/** Records that someone asked for a run now (the run itself is recorded in archive_runs). */
export async function auditRunNow(opts: { category: string; actor: Actor; runId: number | null; status: string; events: number }): Promise<void> {
  await inTransaction((client) =>
    appendAudit(client, { actor: opts.actor, action: "archive.run_requested", target: `archive-policy:${opts.category}`, details: { runId: opts.runId, status: opts.status, events: opts.events } }).then(() => undefined),
  );
}
