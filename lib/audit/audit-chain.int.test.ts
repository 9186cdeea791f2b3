import { describe, expect, it, vi } from "vitest";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { asOwner } from "../testing/owner-db";
import { appendAudit } from "./append-audit";
import { systemActor } from "./actor";
import { verifyAuditChain, getAuditChainHead } from "./verify-audit-chain";

// The audit log is append-only and hash-chained: altering, removing or rolling back an entry shows.

// The server action reads its session through next/headers, which only exists inside Next.js.
const session = vi.hoisted(() => ({ cookie: null as { name: string; value: string } | null }));
vi.mock("next/headers", () => ({ cookies: async () => ({ getAll: () => (session.cookie ? [session.cookie] : []) }), headers: async () => new Headers() }));

const actor = { ...systemActor("chain-test"), ip: "198.51.100.4", userAgent: "vitest" };

async function append(n: number, action = "test.noted"): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push((await inTransaction((c) => appendAudit(c, { actor, action, target: `thing:${i}`, details: { i, nested: { b: 2, a: [1, "x"] } } }))).id);
  }
  return ids;
}

/** What an attacker with the owner's password (or a superuser's) would do: the trigger is only a guard rail for them. */
async function tamper(sql: string, params: unknown[]): Promise<void> {
  await asOwner(async (c) => {
    await c.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
    try {
      await c.query(sql, params);
    } finally {
      await c.query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
    }
  });
}

describe("the audit chain", () => {
  it("given entries written one after another and at once, then every hash and link checks out and the head is the newest", async () => {
    await append(3);
    await Promise.all(Array.from({ length: 20 }, (_, i) => inTransaction((c) => appendAudit(c, { actor, action: "test.parallel", details: { i } }))));
    const verdict = await verifyAuditChain();
    expect(verdict).toMatchObject({ ok: true });
    const head = await getAuditChainHead();
    expect(verdict.ok && verdict.head).toEqual({ id: head!.id, hash: head!.hash });
    const { rows } = await getPool().query<{ n: number; links: number }>("SELECT count(*)::int AS n, count(DISTINCT prev_hash)::int AS links FROM audit_log");
    expect(rows[0].links).toBe(rows[0].n); // no two entries claim the same predecessor
  });

  it("refuses UPDATE, DELETE and TRUNCATE from the application (no privilege) and from the owner (the trigger)", async () => {
    const [id] = await append(1);
    await expect(getPool().query("UPDATE audit_log SET action = 'x' WHERE id = $1", [id])).rejects.toThrow(/permission denied/);
    await expect(getPool().query("DELETE FROM audit_log WHERE id = $1", [id])).rejects.toThrow(/permission denied/);
    await expect(getPool().query("TRUNCATE audit_log")).rejects.toThrow(/permission denied/);
    await asOwner(async (c) => {
      await expect(c.query("UPDATE audit_log SET action = 'x' WHERE id = $1", [id])).rejects.toThrow(/append-only/);
      await expect(c.query("DELETE FROM audit_log WHERE id = $1", [id])).rejects.toThrow(/append-only/);
      await expect(c.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    });
  });

  it("given a change whose transaction rolls back, then its audit entry is gone with it", async () => {
    const before = (await getAuditChainHead())?.id ?? 0;
    await expect(
      inTransaction(async (c) => {
        await appendAudit(c, { actor, action: "test.rolled_back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const { rows } = await getPool().query("SELECT 1 FROM audit_log WHERE action = 'test.rolled_back'");
    expect(rows).toHaveLength(0);
    expect((await verifyAuditChain()).ok).toBe(true);
    expect((await getAuditChainHead())?.id ?? 0).toBe(before);
  });

  it("given one entry's details altered in the database, then verify names that entry", async () => {
    const ids = await append(4);
    await tamper(`UPDATE audit_log SET details = jsonb_set(details, '{i}', '99') WHERE id = $1`, [ids[1]]);
    const verdict = await verifyAuditChain();
    expect(verdict).toMatchObject({ ok: false, brokenAt: ids[1], reason: "content_altered" });
    expect(verdict.ok ? "" : verdict.message).toContain(`#${ids[1]}`);
    // Putting the value back restores the chain: the hash covers the content, nothing else.
    await tamper(`UPDATE audit_log SET details = jsonb_set(details, '{i}', '1') WHERE id = $1`, [ids[1]]);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("given one entry's actor or time altered, then verify names that entry", async () => {
    const ids = await append(3);
    await tamper("UPDATE audit_log SET actor_label = 'someone else' WHERE id = $1", [ids[2]]);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: ids[2], reason: "content_altered" });
    await tamper("UPDATE audit_log SET actor_label = $2 WHERE id = $1", [ids[2], actor.label]);
    await tamper("UPDATE audit_log SET at = at - interval '1 microsecond' WHERE id = $1", [ids[0]]);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: ids[0], reason: "content_altered" });
    await tamper("UPDATE audit_log SET at = at + interval '1 microsecond' WHERE id = $1", [ids[0]]);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("given an entry deleted, or re-hashed to hide an edit, then verify names the entry after the gap", async () => {
    const ids = await append(3);
    const saved = (await getPool().query("SELECT * FROM audit_log WHERE id = $1", [ids[1]])).rows[0];
    await tamper("DELETE FROM audit_log WHERE id = $1", [ids[1]]);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: ids[2], reason: "link_broken" });

    // Re-hashing the altered entry itself does not help: the next entry's link no longer matches.
    await tamper(
      `INSERT INTO audit_log (id, at, actor_id, actor_label, action, target, ip, user_agent, details, prev_hash, hash)
       OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [saved.id, saved.at, saved.actor_id, saved.actor_label, saved.action, saved.target, saved.ip, saved.user_agent, saved.details, saved.prev_hash, "f".repeat(64)],
    );
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: ids[1], reason: "content_altered" });
    await tamper("UPDATE audit_log SET hash = $2 WHERE id = $1", [ids[1], saved.hash]);
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});

describe("verify chain from the Audit page", () => {
  it("given an altered entry, then the page's Verify chain action names it; signed out, it refuses", async () => {
    const { verifyAuditChainAction } = await import("./audit-actions");
    const { seedUser, sessionCookie } = await import("../testing/auth-fixtures");
    const ids = await append(2, "test.for_action");
    await tamper("UPDATE audit_log SET target = 'thing:forged' WHERE id = $1", [ids[0]]);

    expect(await verifyAuditChainAction()).toMatchObject({ ok: false, status: 401 });
    const { user } = await seedUser({ role: "compliance" });
    const [name, value] = (await sessionCookie(user)).split(/=(.*)/s);
    session.cookie = { name, value };
    try {
      const result = await verifyAuditChainAction();
      expect(result).toMatchObject({ ok: true, data: { ok: false, brokenAt: ids[0], reason: "content_altered" } });
    } finally {
      session.cookie = null;
    }
  });
});
