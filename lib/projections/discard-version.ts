import "server-only";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { dropRowsPartition } from "./rows-table";
import { lockVersion } from "./version-lock";

/**
 * Discards a version that is not live: it stops following the log and its rows partition is
 * dropped (a DROP, not a DELETE) once the change has committed.
 */
export async function discardVersion(opts: { name: string; versionId: number; actor: Actor }): Promise<void> {
  await inTransaction(async (client) => {
    const v = await lockVersion(client, opts.name, opts.versionId);
    if (v.status === "live") throw new AppError("conflict", "the live version cannot be discarded: promote another or roll back first");
    if (v.status === "discarded") throw new AppError("conflict", `version #${v.id} is already discarded`);
    await client.query("UPDATE projection_versions SET status = 'discarded', discarded_at = clock_timestamp(), paused = false WHERE id = $1", [v.id]);
    await client.query("UPDATE projection_partitions SET status = 'cancelled' WHERE version_id = $1 AND status <> 'done'", [v.id]);
    await client.query("UPDATE projection_live SET previous_version_id = NULL WHERE name = $1 AND previous_version_id = $2", [opts.name, v.id]);
    await appendAudit(client, {
      actor: opts.actor,
      action: "projection.discarded",
      target: `projection:${v.name}`,
      details: { versionId: v.id, codeVersion: v.code_version, was: v.status },
    });
  });
  await dropRowsPartition(getPool(), opts.versionId);
}
