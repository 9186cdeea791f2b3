import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getPool } from "../db";
import { DEMO_USERS, ensureDemoUsers, ensureFirstAdmin } from "./bootstrap-users";
import { signInWithPassword } from "./sign-in";

// The first users: demo users with generated passwords in the embedded default; one admin from the environment otherwise.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-bootstrap-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const meta = { ip: "127.0.0.1", userAgent: "vitest" };

describe("with a real DATABASE_URL: the first admin from the environment", () => {
  it("given no variables, then no user is created and a warning says what to set", async () => {
    expect(await ensureFirstAdmin({})).toMatchObject({ created: null, warning: expect.stringContaining("HINDSIGHT_ADMIN_EMAIL") });
    expect(await ensureFirstAdmin({ HINDSIGHT_ADMIN_EMAIL: "a@b.c", HINDSIGHT_ADMIN_PASSWORD: "short" })).toMatchObject({ created: null, warning: expect.stringContaining("12") });
    expect((await getPool().query("SELECT count(*)::int AS n FROM users")).rows[0].n).toBe(0);
  });

  it("given both variables, then that admin is created once and can sign in; later starts leave it alone", async () => {
    const env = { HINDSIGHT_ADMIN_EMAIL: "Root@Example.com", HINDSIGHT_ADMIN_PASSWORD: "a long admin password" };
    expect(await ensureFirstAdmin(env)).toEqual({ created: "root@example.com", warning: null });
    expect(await ensureFirstAdmin({ ...env, HINDSIGHT_ADMIN_PASSWORD: "another long password" })).toEqual({ created: null, warning: null });
    expect(await signInWithPassword({ email: "root@example.com", password: env.HINDSIGHT_ADMIN_PASSWORD, ...meta })).toMatchObject({ ok: true, user: { role: "admin" } });
    const { rows } = await getPool().query("SELECT actor_id, action FROM audit_log WHERE target = 'user:root@example.com' AND action = 'user.created'");
    expect(rows).toEqual([{ actor_id: "system:bootstrap", action: "user.created" }]);
  });
});

describe("the embedded default: demo users", () => {
  it("creates one user per role plus a second compliance user, with generated passwords in a 0600 file", async () => {
    const creds = await ensureDemoUsers(dir);
    expect(creds.map((c) => c.role).sort()).toEqual(["admin", "compliance", "compliance", "ops", "support", "viewer"]);
    const file = path.join(dir, "demo-users.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const c of creds) {
      expect(c.password.length).toBeGreaterThanOrEqual(16);
      expect(stored[c.email]).toBe(c.password);
      expect(await signInWithPassword({ email: c.email, password: c.password, ...meta })).toMatchObject({ ok: true, user: { role: c.role } });
    }
    expect(new Set(creds.map((c) => c.password)).size).toBe(DEMO_USERS.length);
  });

  it("keeps the same passwords across starts, and resets them (ending sessions) if the file was lost", async () => {
    const first = await ensureDemoUsers(dir);
    expect(await ensureDemoUsers(dir)).toEqual(first);
    fs.rmSync(path.join(dir, "demo-users.json"));
    const second = await ensureDemoUsers(dir);
    expect(second[0].password).not.toBe(first[0].password);
    expect(await signInWithPassword({ email: second[0].email, password: first[0].password, ...meta })).toMatchObject({ ok: false });
    expect(await signInWithPassword({ email: second[0].email, password: second[0].password, ...meta })).toMatchObject({ ok: true });
  });
});
