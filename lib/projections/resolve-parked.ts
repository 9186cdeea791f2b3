import "server-only";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { lockVersion } from "./version-lock";

/**
 * Unparks a version: "retry" applies the failed event again (after a fix was deployed), "skip"
 * records the event as skipped for this version and goes on after it. Both are audited.
 */
export async function resolveParked(opts: { name: string; versionId: number; op: "retry" | "skip"; actor: Actor }): Promise<void> {
  await inTransaction(async (client) => {
    const v = await lockVersion(client, opts.name, opts.versionId);
    if (!v.parked_event_id) throw new AppError("conflict", `version #${v.id} is not parked`);
    const { rows } = await client.query<{ parked_error: string }>("SELECT parked_error FROM projection_versions WHERE id = $1", [v.id]);
    await client.query(
      `UPDATE projection_versions
          SET parked_event_id = NULL, parked_error = NULL, parked_at = NULL,
              skipped_events = CASE WHEN $2 THEN array_append(skipped_events, $3::uuid) ELSE skipped_events END
        WHERE id = $1`,
      [v.id, opts.op === "skip", v.parked_event_id],
    );
    await appendAudit(client, {
      actor: opts.actor,
      action: opts.op === "skip" ? "projection.event_skipped" : "projection.event_retried",
      target: `projection:${v.name}`,
      details: { versionId: v.id, eventId: v.parked_event_id, error: rows[0].parked_error },
    });
  });
}
