import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { seedUser } from "../testing/auth-fixtures";
import { systemActor } from "../audit/actor";
import { createUser } from "./create-user";
import { changeUserRole, setUserStatus } from "./update-user";
import { findUserById } from "./users";

// Users: created, given roles, disabled — each change audited in its own transaction.

const actor = { ...systemActor("users-test"), ip: "198.51.100.9" };

async function lastAudit(target: string) {
  const { rows } = await getPool().query("SELECT action, actor_id, ip, details FROM audit_log WHERE target = $1 ORDER BY id DESC LIMIT 1", [target]);
  return rows[0];
}

describe("users", () => {
  it("given a new e-mail, then the user is created with an argon2id hash and a user.created entry; the same e-mail in another case is a conflict", async () => {
    const email = `Mixed.Case-${Date.now()}@Test.Local`;
    const user = await createUser({ email, name: " Mia ", role: "support", password: "a sufficiently long one", actor });
    expect(user).toMatchObject({ email: email.toLowerCase(), name: "Mia", role: "support", status: "active", hasPassword: true });
    const { rows } = await getPool().query("SELECT password_hash FROM users WHERE id = $1", [user.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(await lastAudit(`user:${email.toLowerCase()}`)).toMatchObject({ action: "user.created", actor_id: actor.id, ip: "198.51.100.9", details: { role: "support" } });
    await expect(createUser({ email: email.toUpperCase(), name: "Other", role: "viewer", password: null, actor })).rejects.toMatchObject({ code: "conflict" });
  });

  it("given a role change, then it is audited with from and to; the same role again changes and audits nothing", async () => {
    const { user } = await seedUser({ role: "viewer" });
    await changeUserRole({ userId: user.id, role: "ops", actor });
    expect(await lastAudit(`user:${user.email}`)).toMatchObject({ action: "user.role_changed", details: { from: "viewer", to: "ops" } });
    const before = await getPool().query("SELECT count(*)::int AS n FROM audit_log");
    await changeUserRole({ userId: user.id, role: "ops", actor });
    expect((await getPool().query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(before.rows[0].n);
  });

  it("given disabling, then the session version is bumped and it is audited; enabling is audited too", async () => {
    const { user } = await seedUser({ role: "support" });
    const disabled = await setUserStatus({ userId: user.id, status: "disabled", actor });
    expect(disabled).toMatchObject({ status: "disabled", sessionVersion: user.sessionVersion + 1 });
    expect(await lastAudit(`user:${user.email}`)).toMatchObject({ action: "user.disabled" });
    await setUserStatus({ userId: user.id, status: "active", actor });
    expect(await lastAudit(`user:${user.email}`)).toMatchObject({ action: "user.enabled" });
    expect((await findUserById(user.id))?.sessionVersion).toBe(user.sessionVersion + 1);
  });

  it("never leaves Hindsight without an active admin, even when two admins demote each other at once", async () => {
    await getPool().query("UPDATE users SET role = 'viewer' WHERE role = 'admin'"); // start from no admins in this database
    const { user: a } = await seedUser({ role: "admin" });
    const { user: b } = await seedUser({ role: "admin" });
    const results = await Promise.allSettled([
      changeUserRole({ userId: a.id, role: "viewer", actor }),
      changeUserRole({ userId: b.id, role: "viewer", actor }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    const { rows } = await getPool().query("SELECT id FROM users WHERE role = 'admin' AND status = 'active'");
    expect(rows).toHaveLength(1);
    await expect(setUserStatus({ userId: rows[0].id, status: "disabled", actor })).rejects.toMatchObject({ code: "conflict" });
  });

  it("given an id that is not a user, then not_found", async () => {
    await expect(changeUserRole({ userId: "00000000-0000-4000-8000-000000000000", role: "ops", actor })).rejects.toMatchObject({ code: "not_found" });
    await expect(setUserStatus({ userId: "not-a-uuid", status: "disabled", actor })).rejects.toMatchObject({ code: "not_found" });
  });
});
