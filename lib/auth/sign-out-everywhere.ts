import "server-only";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { inTransaction } from "../db-transaction";
import { revokeAllSessions } from "./user-sessions";

/**
 * Ends every session of one user, this one included (a stolen cookie elsewhere too): the session
 * rows are revoked and the session version bumped, so no cookie issued before now opens anything.
 * Audited in the same transaction.
 */
export async function signOutEverywhere(opts: { userId: string; email: string; actor: Actor }): Promise<{ ended: number }> {
  return inTransaction(async (client) => {
    const ended = await revokeAllSessions(opts.userId, "sign_out_everywhere", client);
    await client.query("UPDATE users SET session_version = session_version + 1, updated_at = now() WHERE id = $1", [opts.userId]);
    await appendAudit(client, { actor: opts.actor, action: "auth.sign_out_everywhere", target: `user:${opts.email}`, details: { sessionsEnded: ended } });
    return { ended };
  });
}
