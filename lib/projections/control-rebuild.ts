import "server-only";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { dropRowsPartition } from "./rows-table";
import { lockVersion } from "./version-lock";

export type RebuildControl = "pause" | "resume" | "cancel";

export type ControlRebuildOptions = { name: string; versionId: number; op: RebuildControl; actor: Actor };

/**
 * Pauses (partitions stop after their current batch), resumes (the projection loop sends their
 * jobs again) or cancels a rebuild that is still replaying. Cancelling discards the version: its
 * rows partition is dropped once the change has committed.
 */
export async function controlRebuild(opts: ControlRebuildOptions): Promise<void> {
  await inTransaction(async (client) => {
    const v = await lockVersion(client, opts.name, opts.versionId);
    if (v.status !== "building" && !(opts.op === "cancel" && v.status === "catching_up" && v.kind === "drill")) {
      throw new AppError("conflict", `version #${v.id} is ${v.status.replace("_", " ")}: only a rebuild that is replaying can be ${opts.op === "cancel" ? "cancelled" : `${opts.op}d`}`);
    }
    if (opts.op === "pause") {
      if (v.paused) throw new AppError("conflict", "the rebuild is already paused");
      await client.query("UPDATE projection_versions SET paused = true WHERE id = $1", [v.id]);
    } else if (opts.op === "resume") {
      if (!v.paused) throw new AppError("conflict", "the rebuild is not paused");
      await client.query("UPDATE projection_versions SET paused = false WHERE id = $1", [v.id]);
      await client.query("UPDATE projection_partitions SET status = 'pending', updated_at = clock_timestamp() WHERE version_id = $1 AND status IN ('paused', 'queued', 'running')", [v.id]);
    } else {
      await client.query("UPDATE projection_versions SET status = 'discarded', discarded_at = clock_timestamp(), paused = false WHERE id = $1", [v.id]);
      await client.query("UPDATE projection_partitions SET status = 'cancelled', updated_at = clock_timestamp() WHERE version_id = $1 AND status <> 'done'", [v.id]);
      await client.query("UPDATE projection_drills SET status = 'cancelled', finished_at = clock_timestamp() WHERE version_id = $1 AND status = 'running'", [v.id]);
    }
    await appendAudit(client, {
      actor: opts.actor,
      action: `projection.rebuild_${opts.op === "pause" ? "paused" : opts.op === "resume" ? "resumed" : "cancelled"}`,
      target: `projection:${v.name}`,
      details: { versionId: v.id, codeVersion: v.code_version },
    });
  });
  if (opts.op === "cancel") await dropRowsPartition(getPool(), opts.versionId);
}
