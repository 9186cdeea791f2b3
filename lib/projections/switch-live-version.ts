import "server-only";
import { logTables } from "../source/log-tables";
import type pg from "pg";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { requireProjection } from "./registry";
import { countVersionDiff, type DiffCounts } from "./diff-versions";
import { lockVersion } from "./version-lock";

export type PromoteOptions = {
  name: string;
  versionId: number;
  actor: Actor;
  /** The diff the operator confirmed: promotion is refused if the diff is no longer this size. */
  confirmedDiff: DiffCounts;
};

async function lockLive(client: pg.ClientBase, name: string): Promise<{ version_id: number; previous_version_id: number | null } | undefined> {
  const { rows } = await client.query<{ version_id: number; previous_version_id: number | null }>(
    "SELECT version_id, previous_version_id FROM projection_live WHERE name = $1 FOR UPDATE",
    [name],
  );
  return rows[0];
}

/**
 * Committed events of the projection's categories not yet applied to the version (counted up to
 * `cap`), including those a running transaction still holds back from gap-safe readers: they are
 * lag too. Nothing below the checkpoint can appear later (it was read below the snapshot xmin).
 */
export async function pendingEvents(client: pg.ClientBase, categories: string[], txId: string, position: number, cap = 100_000): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::bigint AS n FROM (SELECT 1 FROM ${logTables().events}
      WHERE (tx_id, global_position) > ($1::xid8, $2::bigint) AND category = ANY($3::text[]) LIMIT $4) e`,
    [txId, position, categories, cap],
  );
  return rows[0].n;
}

/**
 * Promotes green: one transaction moves the live pointer to it and makes blue "previous" (it
 * keeps following the log, so a rollback is instant). Only once green has caught up with the log,
 * is not parked, and its diff against blue is the one the operator confirmed.
 */
export async function promoteVersion(opts: PromoteOptions): Promise<{ previousVersionId: number | null }> {
  return inTransaction(async (client) => {
    const live = await lockLive(client, opts.name);
    const green = await lockVersion(client, opts.name, opts.versionId);
    if (green.kind !== "build" || green.status !== "catching_up") throw new AppError("conflict", `version #${green.id} is ${green.status.replace("_", " ")}: only a rebuilt version that is catching up can be promoted`);
    if (green.parked_event_id) throw new AppError("conflict", "the version is parked on a failing event: retry or skip it first");
    const def = requireProjection(green.name, green.code_version);
    const behind = green.caught_up_at ? await pendingEvents(client, def.categories, green.tx_id, green.global_position) : null;
    if (behind === null || behind > 0) throw new AppError("conflict", `version #${green.id} has not caught up with the log yet${behind ? ` (${behind} events behind)` : ""}: promote when it has`);
    if (live) {
      const diff = await countVersionDiff(client, live.version_id, green.id);
      const same = diff.added === opts.confirmedDiff.added && diff.removed === opts.confirmedDiff.removed && diff.changed === opts.confirmedDiff.changed;
      if (!same) throw new AppError("conflict", `the diff changed since you confirmed it (now ${diff.changed} changed, ${diff.added} added, ${diff.removed} removed): review it again`, { diff });
      await client.query("UPDATE projection_versions SET status = 'previous' WHERE id = $1", [live.version_id]);
      // The version before blue stops being the rollback target: it goes on following until discarded.
    }
    await client.query("UPDATE projection_versions SET status = 'live', promoted_at = clock_timestamp() WHERE id = $1", [green.id]);
    await client.query(
      `INSERT INTO projection_live (name, version_id, previous_version_id, switched_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET version_id = EXCLUDED.version_id, previous_version_id = EXCLUDED.previous_version_id,
         switched_at = clock_timestamp(), switched_by = EXCLUDED.switched_by`,
      [opts.name, green.id, live?.version_id ?? null, opts.actor.id],
    );
    await appendAudit(client, {
      actor: opts.actor,
      action: "projection.promoted",
      target: `projection:${opts.name}`,
      details: { versionId: green.id, codeVersion: green.code_version, previousVersionId: live?.version_id ?? null, diff: opts.confirmedDiff },
    });
    return { previousVersionId: live?.version_id ?? null };
  });
}

/** Rolls back: the previous version (still following the log) becomes live again, the current one previous. */
export async function rollbackVersion(opts: { name: string; actor: Actor }): Promise<{ versionId: number }> {
  return inTransaction(async (client) => {
    const live = await lockLive(client, opts.name);
    if (!live?.previous_version_id) throw new AppError("conflict", `${opts.name} has no previous version to roll back to`);
    const previous = await lockVersion(client, opts.name, live.previous_version_id);
    if (previous.status !== "previous") throw new AppError("conflict", `version #${previous.id} is ${previous.status}: it can no longer be rolled back to`);
    await client.query("UPDATE projection_versions SET status = 'previous' WHERE id = $1", [live.version_id]);
    await client.query("UPDATE projection_versions SET status = 'live' WHERE id = $1", [previous.id]);
    await client.query(
      "UPDATE projection_live SET version_id = $2, previous_version_id = $3, switched_at = clock_timestamp(), switched_by = $4 WHERE name = $1",
      [opts.name, previous.id, live.version_id, opts.actor.id],
    );
    await appendAudit(client, {
      actor: opts.actor,
      action: "projection.rolled_back",
      target: `projection:${opts.name}`,
      details: { versionId: previous.id, codeVersion: previous.code_version, from: live.version_id },
    });
    return { versionId: previous.id };
  });
}
