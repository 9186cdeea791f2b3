import "server-only";
import { inTransaction } from "../db-transaction";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { unwrapDataKey, wrapDataKey, type MasterKey } from "../schema/master-key";
import { SUBJECT_KEYS_CHANNEL } from "../schema/subject-keys";
import { webhookSecretLabel } from "../alerts/webhook-secret";
import { requestKeyLabel } from "./request-secrets";

export type RotateMasterKeyResult = { subjectKeys: number; requestKeys: number; webhookSecrets: number; from: string; to: string };

/**
 * Re-wraps every data key (subject keys, erasure requests' keys, webhook signing secrets) from `from` to `to` in one
 * transaction: nothing is re-encrypted, the envelopes in events and snapshots stay byte for byte
 * the same, and afterwards only the new master key opens the data keys. Audited. Every process
 * must then run with the new HINDSIGHT_MASTER_KEY (the NOTIFY drops cached keys meanwhile).
 */
export async function rotateMasterKey(opts: { from: MasterKey; to: MasterKey; actor: Actor }): Promise<RotateMasterKeyResult> {
  return inTransaction(async (client) => {
    // FOR UPDATE: no append creates or uses a key under the old master key while this runs.
    const subjects = await client.query<{ subject_id: string; wrapped_key: Buffer }>(
      "SELECT subject_id, wrapped_key FROM subject_keys WHERE status = 'active' AND wrapped_key IS NOT NULL ORDER BY subject_id FOR UPDATE",
    );
    const ids: string[] = [];
    const wrapped: Buffer[] = [];
    for (const r of subjects.rows) {
      ids.push(r.subject_id);
      wrapped.push(wrapDataKey(unwrapDataKey(r.wrapped_key, opts.from, r.subject_id), opts.to, r.subject_id));
    }
    if (ids.length) {
      await client.query(
        `UPDATE subject_keys k SET wrapped_key = u.w, master_key_id = $3 FROM unnest($1::text[], $2::bytea[]) AS u(id, w) WHERE k.subject_id = u.id`,
        [ids, wrapped, opts.to.id],
      );
    }
    const requests = await client.query<{ id: string; request_key_wrapped: Buffer }>(
      "SELECT id, request_key_wrapped FROM erasure_requests WHERE request_key_wrapped IS NOT NULL FOR UPDATE",
    );
    for (const r of requests.rows) {
      const w = wrapDataKey(unwrapDataKey(r.request_key_wrapped, opts.from, requestKeyLabel(r.id)), opts.to, requestKeyLabel(r.id));
      await client.query("UPDATE erasure_requests SET request_key_wrapped = $2, request_key_master_id = $3 WHERE id = $1", [r.id, w, opts.to.id]);
    }
    // Webhook signing secrets are sealed under the master key too.
    const hooks = await client.query<{ id: string; secret_wrapped: Buffer }>("SELECT id, secret_wrapped FROM webhook_endpoints WHERE secret_wrapped IS NOT NULL FOR UPDATE");
    for (const h of hooks.rows) {
      const w = wrapDataKey(unwrapDataKey(h.secret_wrapped, opts.from, webhookSecretLabel(h.id)), opts.to, webhookSecretLabel(h.id));
      await client.query("UPDATE webhook_endpoints SET secret_wrapped = $2, master_key_id = $3 WHERE id = $1", [h.id, w, opts.to.id]);
    }
    await client.query("SELECT pg_notify($1, '')", [SUBJECT_KEYS_CHANNEL]);
    const result = { subjectKeys: ids.length, requestKeys: requests.rows.length, webhookSecrets: hooks.rows.length, from: opts.from.id, to: opts.to.id };
    await appendAudit(client, { actor: opts.actor, action: "master_key.rotated", target: `master-key:${opts.to.id}`, details: result });
    return result;
  });
}
