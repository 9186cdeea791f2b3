import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { getPool } from "../db";
import { AppError } from "../errors";
import { appendToStream, type NewEvent } from "../store/append-to-stream";
import { readStream } from "../store/read-stream";
import { ERASED, MASKED } from "./pii";
import { forgetCachedKeys, getSubjectKeys, SUBJECT_KEYS_CHANNEL } from "./subject-keys";
import { refusalOf, unique } from "../testing/expectations";
import { flushRefusalCounts } from "../store/count-refusal";

// Invariant 5: fields declared as PII rest only as per-subject envelopes; destroying the subject's key
// erases them everywhere, and erased subjects get no new personal data.

const ENVELOPE = /^([^:]+):([^:]+):([A-Za-z0-9_-]+):([A-Za-z0-9_-]+):([A-Za-z0-9_-]+)$/;

function givenUser() {
  const userId = `u${unique()}`;
  return {
    userId,
    streamId: `user-${userId}`,
    email: `ann.${userId}@example.org`,
    name: `Ann Example ${userId}`,
  };
}

function registered(u: ReturnType<typeof givenUser>): NewEvent {
  return { type: "UserRegistered", data: { userId: u.userId, email: u.email, name: u.name, country: "DE" } };
}


async function storedRows(streamId: string) {
  const { rows } = await getPool().query<{ data: Record<string, unknown>; data_text: string; row_text: string; subjects: string[] }>(
    "SELECT data, data::text AS data_text, e::text AS row_text, subjects FROM events e WHERE stream_id = $1 ORDER BY stream_version",
    [streamId],
  );
  return rows;
}

/** Crypto-shreds a subject the way the erasure workflow does: tombstone the key and tell every process. */
async function shred(subjectId: string): Promise<void> {
  await getPool().query("UPDATE subject_keys SET status = 'destroyed', wrapped_key = NULL, destroyed_at = now() WHERE subject_id = $1", [subjectId]);
  await getPool().query("SELECT pg_notify($1, $2)", [SUBJECT_KEYS_CHANNEL, subjectId]);
}

describe("PII at rest", () => {
  it("given a UserRegistered with email and name, when it is stored, then the row holds envelopes and no plaintext, and names its subject", async () => {
    const u = givenUser();
    await appendToStream({ streamId: u.streamId, idempotencyKey: `reg-${u.userId}`, events: [registered(u)] });

    const [row] = await storedRows(u.streamId);
    expect(row.row_text).not.toContain(u.email);
    expect(row.row_text).not.toContain(u.name);
    expect(row.row_text).not.toContain("Ann Example");
    expect(row.subjects).toEqual([u.userId]);
    for (const field of ["email", "name"]) {
      const value = row.data[field] as { $pii: string };
      expect(Object.keys(value)).toEqual(["$pii"]);
      const m = ENVELOPE.exec(value.$pii);
      expect(m, `${field} is an envelope`).not.toBeNull();
      expect(m![1]).toBe(u.userId);
      expect(Buffer.from(m![3], "base64url")).toHaveLength(12); // GCM iv
      expect(Buffer.from(m![5], "base64url")).toHaveLength(16); // GCM tag
    }
    // Fields that are not PII stay readable (and queryable).
    expect(row.data).toMatchObject({ userId: u.userId, country: "DE" });

    // Nor does the idempotency record keep the plaintext request.
    const { rows } = await getPool().query<{ t: string }>("SELECT k::text AS t FROM idempotency_keys k WHERE key = $1", [`reg-${u.userId}`]);
    expect(rows[0].t).not.toContain(u.email);
    expect(rows[0].t).not.toContain(u.name);
  });

  it("given the same value stored twice, then the two envelopes differ (a fresh iv each time)", async () => {
    const u = givenUser();
    await appendToStream({ streamId: u.streamId, events: [registered(u), { type: "UserUpdated", data: { userId: u.userId, email: u.email } }] });
    const [a, b] = await storedRows(u.streamId);
    expect((a.data.email as { $pii: string }).$pii).not.toBe((b.data.email as { $pii: string }).$pii);
  });

  it("given a stored user, when read in clear the PII is decrypted, and when read masked it shows [masked]", async () => {
    const u = givenUser();
    await appendToStream({ streamId: u.streamId, events: [registered(u)] });

    const clear = await readStream({ streamId: u.streamId, pii: "clear" });
    const masked = await readStream({ streamId: u.streamId, pii: "masked" });

    expect(clear.events[0].data).toEqual({ userId: u.userId, email: u.email, name: u.name, country: "DE" });
    expect(masked.events[0].data).toEqual({ userId: u.userId, email: MASKED, name: MASKED, country: "DE" });
  });

  it("given a subject whose key is destroyed and NOTIFYed, then reads show [erased], new PII for it is refused with subject_erased, and other subjects are untouched", async () => {
    const u = givenUser();
    const other = givenUser();
    await appendToStream({ streamId: u.streamId, events: [registered(u)] });
    await appendToStream({ streamId: other.streamId, events: [registered(other)] });
    expect((await readStream({ streamId: u.streamId, pii: "clear" })).events[0].data.email).toBe(u.email); // key now cached

    await shred(u.userId);

    await vi.waitFor(async () => {
      const clear = await readStream({ streamId: u.streamId, pii: "clear" });
      expect(clear.events[0].data).toEqual({ userId: u.userId, email: ERASED, name: ERASED, country: "DE" });
    });
    expect((await readStream({ streamId: u.streamId, pii: "masked" })).events[0].data.email).toBe(ERASED);
    expect((await readStream({ streamId: other.streamId, pii: "clear" })).events[0].data.email).toBe(other.email);

    const err = await refusalOf(appendToStream({ streamId: u.streamId, events: [{ type: "UserUpdated", data: { userId: u.userId, name: "Ann Again" } }] }));
    expect(err.code).toBe("subject_erased");
    expect(err.status).toBe(422);
    expect(err.details).toMatchObject({ subjects: [u.userId] });
    expect(await storedRows(u.streamId)).toHaveLength(1);

    // Events about the subject that carry no PII are still fine, and a destroyed key is never re-created.
    await appendToStream({ streamId: u.streamId, events: [{ type: "UserUpdated", data: { userId: u.userId, source: "admin" } }] });
    const { rows } = await getPool().query("SELECT status, wrapped_key FROM subject_keys WHERE subject_id = $1", [u.userId]);
    expect(rows).toEqual([{ status: "destroyed", wrapped_key: null }]);
  });

  it("given a process whose key cache missed the shred, when it appends PII for the subject, then the store itself refuses with subject_erased", async () => {
    const u = givenUser();
    await appendToStream({ streamId: u.streamId, events: [registered(u)] });
    const cached = await getSubjectKeys([u.userId]);
    expect(cached.get(u.userId)?.status).toBe("active");

    // Shredded by another process, and this one never heard the NOTIFY.
    await getPool().query("UPDATE subject_keys SET status = 'destroyed', wrapped_key = NULL, destroyed_at = now() WHERE subject_id = $1", [u.userId]);

    const err = await refusalOf(appendToStream({ streamId: u.streamId, events: [{ type: "UserUpdated", data: { userId: u.userId, email: "new@example.org" } }] }));
    expect(err.code).toBe("subject_erased");
    const rows = await storedRows(u.streamId);
    expect(rows).toHaveLength(1);
    expect(rows.map((r) => r.row_text).join()).not.toContain("new@example.org");
    forgetCachedKeys(u.userId);
  });

  it("given shredded subjects, then the refusals are counted", async () => {
    const u = givenUser();
    await appendToStream({ streamId: u.streamId, events: [registered(u)] });
    await shred(u.userId);
    forgetCachedKeys(u.userId);
    const before = await refusalCount("user");
    await refusalOf(appendToStream({ streamId: u.streamId, events: [{ type: "UserUpdated", data: { userId: u.userId, name: "x" } }] }));
    expect(await refusalCount("user")).toBe(before + 1);
  });

  it("given a tampered envelope, when the event is read, then that field shows [erased] and the rest of the event still renders", async () => {
    const u = givenUser();
    await appendToStream({ streamId: u.streamId, events: [registered(u)] });
    const [row] = await storedRows(u.streamId);
    const env = (row.data.email as { $pii: string }).$pii.split(":");
    const ct = Buffer.from(env[3], "base64url");
    ct[0] ^= 0x01;
    env[3] = ct.toString("base64url");
    await getPool().query("UPDATE events SET data = jsonb_set(data, '{email,$pii}', to_jsonb($2::text)) WHERE stream_id = $1", [u.streamId, env.join(":")]);
    await getPool().query(`UPDATE events SET data = jsonb_set(data, '{name,$pii}', '"not:an-envelope"') WHERE stream_id = $1`, [u.streamId]);

    const clear = await readStream({ streamId: u.streamId, pii: "clear" });

    expect(clear.events[0].data).toEqual({ userId: u.userId, email: ERASED, name: ERASED, country: "DE" });
  });

  it("given an envelope moved onto another subject, when read, then it does not open ([erased])", async () => {
    const victim = givenUser();
    const thief = givenUser();
    await appendToStream({ streamId: victim.streamId, events: [registered(victim)] });
    await appendToStream({ streamId: thief.streamId, events: [registered(thief)] });
    const [v] = await storedRows(victim.streamId);
    const [t] = await storedRows(thief.streamId);
    // Relabel the victim's envelope with the thief's subject and key id: the tag binds both.
    const [, , iv, ct, tag] = (v.data.email as { $pii: string }).$pii.split(":");
    const [subject, keyId] = (t.data.email as { $pii: string }).$pii.split(":");
    await getPool().query("UPDATE events SET data = jsonb_set(data, '{email,$pii}', to_jsonb($2::text)) WHERE stream_id = $1", [
      thief.streamId,
      [subject, keyId, iv, ct, tag].join(":"),
    ]);
    expect((await readStream({ streamId: thief.streamId, pii: "clear" })).events[0].data.email).toBe(ERASED);
  });
});

describe("registry strictness", () => {
  it("given a strict category, when an unregistered type is appended, then validation_failed names the type and nothing is written", async () => {
    const category = `strict${unique()}`;
    await getPool().query("INSERT INTO category_settings (category, strict) VALUES ($1, true)", [category]);
    const streamId = `${category}-1`;

    const err = await refusalOf(appendToStream({ streamId, events: [{ type: "ContactImported", data: { email: "smuggled@example.org" } }] }));

    expect(err.code).toBe("validation_failed");
    expect(err.status).toBe(422);
    expect(err.details).toMatchObject({ types: ["ContactImported"] });
    const { rows } = await getPool().query("SELECT 1 FROM events WHERE stream_id = $1", [streamId]);
    expect(rows).toHaveLength(0);

    // Registered types are still accepted there.
    await appendToStream({ streamId, events: [{ type: "OrderCancelled", data: { orderId: "o1", reason: "test" } }] });
  });

  it("given a known type, when an unknown schemaVersion is appended, then unknown_schema_version (422) and nothing is written", async () => {
    const streamId = `order-${unique()}`;
    const err = await refusalOf(
      appendToStream({ streamId, events: [{ type: "OrderPlaced", schemaVersion: 3, data: { orderId: "1", customerId: "c", items: [{ sku: "a", quantity: 1, unitPrice: 1 }], total: 1 } }] }),
    );
    expect(err.code).toBe("unknown_schema_version");
    expect(err.status).toBe(422);
    const { rows } = await getPool().query("SELECT 1 FROM streams WHERE stream_id = $1", [streamId]);
    expect(rows).toHaveLength(0);
  });

  it("given a registered type, when its data does not match the schema, then validation_failed lists the issues by path", async () => {
    const u = givenUser();
    const err = await refusalOf(appendToStream({ streamId: u.streamId, events: [{ type: "UserRegistered", data: { userId: u.userId, email: "not-an-email", country: "DE" } }] }));
    expect(err.code).toBe("validation_failed");
    const paths = (err.details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["data.email", "data.name"]));
  });

  it("given a category that is not strict, when an unregistered type is appended, then it is stored as is and shown as unregistered", async () => {
    const streamId = `misc-${unique()}`;
    await appendToStream({ streamId, events: [{ type: "SomethingNew", data: { anything: ["goes", 1, null] } }] });
    const read = await readStream({ streamId, pii: "masked" });
    expect(read.events[0]).toMatchObject({ type: "SomethingNew", registered: false, schemaVersion: 1, data: { anything: ["goes", 1, null] } });
  });
});

async function refusalCount(category: string): Promise<number> {
  await flushRefusalCounts();
  const { rows } = await getPool().query<{ n: number | null }>(
    "SELECT sum(count)::int AS n FROM append_refusals WHERE category = $1 AND reason = 'subject_erased'",
    [category],
  );
  return rows[0].n ?? 0;
}
