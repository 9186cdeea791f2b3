import "server-only";
import { inTransaction } from "../db-transaction";
import type { Actor } from "./actor";
import { appendAudit } from "./append-audit";

/**
 * Counts a denied attempt per (hour, actor, permission); only the first one of each hour gets an
 * audit entry, so a script hammering a forbidden route cannot flood the log. Returns whether
 * this attempt was the one audited.
 */
export async function recordDenial(actor: Actor, permission: string, target: string): Promise<boolean> {
  try {
    return await inTransaction(async (client) => {
      const { rows } = await client.query<{ first: boolean }>(
        `INSERT INTO permission_denials (hour, actor_id, permission, count, last_at)
         VALUES (date_trunc('hour', now()), $1, $2, 1, now())
         ON CONFLICT (hour, actor_id, permission)
           DO UPDATE SET count = permission_denials.count + 1, last_at = now()
         RETURNING count = 1 AS first`,
        [actor.id, permission],
      );
      if (rows[0].first) {
        await appendAudit(client, { actor, action: "permission.denied", target, details: { permission, note: "later denials of this permission to this actor in the same hour are counted, not logged" } });
      }
      return rows[0].first;
    });
  } catch (e) {
    // The refusal stands either way; a failure to count it must not turn a 403 into a 500.
    console.error("[audit] could not record a denial:", (e as Error).message);
    return false;
  }
}
