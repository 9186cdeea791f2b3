import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { systemActor } from "../audit/actor";
import { generateMasterKey, getMasterKey, masterKeyFrom, unwrapDataKey } from "../schema/master-key";
import { forgetCachedKeys } from "../schema/subject-keys";
import { appendToStream } from "../store/append-to-stream";
import { readStream } from "../store/read-stream";
import { unique } from "../testing/expectations";
import { createErasureRequest } from "./create-erasure-request";
import { openKnownValues, requestKeyLabel } from "./request-secrets";
import { rotateMasterKey } from "./rotate-master-key";
import { createWebhook } from "../alerts/manage-webhooks";
import { resolveWebhookSecret, webhookSecretLabel } from "../alerts/webhook-secret";
import { setEnv } from "../env";

// Master-key rotation re-wraps the data keys only: every event still decrypts under the new key,
// the stored envelopes are byte for byte the same, and the old key opens nothing any more.

describe("master key rotation", () => {
  it("re-wraps every subject and request key; events still decrypt; the old key no longer opens the keys", async () => {
    const people = Array.from({ length: 3 }, () => `u${unique()}`);
    for (const id of people) {
      await appendToStream({ streamId: `user-${id}`, events: [{ type: "UserRegistered", data: { userId: id, email: `${id}@example.org`, name: `N ${id}`, country: "IT" } }] });
    }
    const actor = systemActor("test");
    const request = await createErasureRequest({ subjectId: people[0], reason: "rotation test", knownValues: [`${people[0]}@example.org`], actor });
    setEnv({ HINDSIGHT_WEBHOOK_ALLOW_HOSTS: "hooks.rotation.test" });
    const hook = await createWebhook({ name: "rotation", url: "https://hooks.rotation.test/x", actor });
    const events = async () => (await getPool().query<{ t: string }>("SELECT e::text AS t FROM events e ORDER BY global_position")).rows.map((r) => r.t);
    const before = await events();

    const old = getMasterKey();
    const raw = generateMasterKey();
    const next = masterKeyFrom(raw);
    const result = await rotateMasterKey({ from: old, to: next, actor });
    expect(result).toMatchObject({ from: old.id, to: next.id, requestKeys: 1, webhookSecrets: 1 });
    expect(result.subjectKeys).toBeGreaterThanOrEqual(3);
    expect(await events()).toEqual(before);

    setEnv({ HINDSIGHT_MASTER_KEY: raw });
    forgetCachedKeys();
    for (const id of people) {
      const read = await readStream({ streamId: `user-${id}`, pii: "clear" });
      expect(read.events[0].data).toMatchObject({ email: `${id}@example.org`, name: `N ${id}` });
    }
    const keys = await getPool().query<{ subject_id: string; wrapped_key: Buffer; master_key_id: string }>(
      "SELECT subject_id, wrapped_key, master_key_id FROM subject_keys WHERE status = 'active'",
    );
    for (const k of keys.rows) {
      expect(k.master_key_id).toBe(next.id);
      expect(() => unwrapDataKey(k.wrapped_key, old, k.subject_id)).toThrow();
      expect(unwrapDataKey(k.wrapped_key, next, k.subject_id)).toHaveLength(32);
    }
    const req = await getPool().query<{ s: Buffer; k: Buffer }>("SELECT known_values_sealed AS s, request_key_wrapped AS k FROM erasure_requests WHERE id = $1", [request.id]);
    expect(() => unwrapDataKey(req.rows[0].k, old, requestKeyLabel(request.id))).toThrow();
    expect(openKnownValues(request.id, req.rows[0].s, req.rows[0].k)).toEqual([`${people[0]}@example.org`]);
    const stored = await getPool().query<{ secret_wrapped: Buffer; master_key_id: string }>("SELECT secret_wrapped, master_key_id FROM webhook_endpoints WHERE id = $1", [hook.id]);
    expect(stored.rows[0].master_key_id).toBe(next.id);
    expect(() => unwrapDataKey(stored.rows[0].secret_wrapped, old, webhookSecretLabel(hook.id))).toThrow();
    expect(resolveWebhookSecret(hook.id, stored.rows[0])).toBe(hook.secret);
    const audit = await getPool().query("SELECT details FROM audit_log WHERE action = 'master_key.rotated'");
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows[0].details)).not.toContain(raw);
  });
});
