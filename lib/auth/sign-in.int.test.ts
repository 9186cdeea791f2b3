import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { seedUser } from "../testing/auth-fixtures";
import { systemActor } from "../audit/actor";
import { signInWithPassword } from "./sign-in";
import { SIGN_IN_LIMITS } from "./sign-in-limits";
import { setUserStatus } from "./update-user";

// E-mail and password sign-in: every outcome looks the same from outside, is audited, and is rate-limited.

const PASSWORD = "correct horse battery staple";
const ip = () => `192.0.2.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 4)}`;
const meta = (address = ip()) => ({ ip: address, userAgent: "vitest" });

async function auditFor(email: string): Promise<{ action: string; actor_id: string; ip: string; details: Record<string, unknown> }[]> {
  const { rows } = await getPool().query("SELECT action, actor_id, ip, details FROM audit_log WHERE target = $1 ORDER BY id", [`user:${email}`]);
  return rows;
}

describe("signing in with a password", () => {
  it("given the right password, then the user comes back, last sign-in is set and an auth.sign_in entry is written", async () => {
    const { user } = await seedUser({ role: "ops", password: PASSWORD });
    const address = ip();
    const r = await signInWithPassword({ email: `  ${user.email.toUpperCase()} `, password: PASSWORD, ...meta(address) });
    expect(r).toMatchObject({ ok: true, user: { id: user.id, role: "ops" } });
    const entries = await auditFor(user.email);
    expect(entries.at(-1)).toMatchObject({ action: "auth.sign_in", actor_id: user.id, ip: address, details: { method: "password" } });
    const { rows } = await getPool().query("SELECT last_sign_in_at FROM users WHERE id = $1", [user.id]);
    expect(rows[0].last_sign_in_at).not.toBeNull();
  });

  it("given a wrong password, an unknown user or a disabled user, then the same invalid_credentials, each audited with its real reason", async () => {
    const { user } = await seedUser({ role: "viewer", password: PASSWORD });
    const { user: gone } = await seedUser({ role: "viewer", password: PASSWORD });
    await setUserStatus({ userId: gone.id, status: "disabled", actor: systemActor("test") });
    const unknown = `nobody-${randomUUID().slice(0, 8)}@test.local`;

    const results = [
      await signInWithPassword({ email: user.email, password: "wrong password!", ...meta() }),
      await signInWithPassword({ email: unknown, password: PASSWORD, ...meta() }),
      await signInWithPassword({ email: gone.email, password: PASSWORD, ...meta() }),
    ];
    for (const r of results) expect(r).toEqual({ ok: false, error: "invalid_credentials" });

    expect((await auditFor(user.email)).at(-1)).toMatchObject({ action: "auth.sign_in_failed", actor_id: "anonymous", details: { reason: "wrong_password" } });
    expect((await auditFor(unknown)).at(-1)).toMatchObject({ action: "auth.sign_in_failed", details: { reason: "unknown_user" } });
    expect((await auditFor(gone.email)).at(-1)).toMatchObject({ action: "auth.sign_in_failed", details: { reason: "user_disabled" } });
  });

  it("given a user without a password (single sign-on only), then no password gets in", async () => {
    const { user } = await seedUser({ role: "viewer" });
    expect(await signInWithPassword({ email: user.email, password: "", ...meta() })).toMatchObject({ ok: false, error: "invalid_credentials" });
  });

  it(`given ${SIGN_IN_LIMITS.perAccount} failures on one account, then even the right password is refused as rate_limited, from any address`, async () => {
    const { user } = await seedUser({ role: "admin", password: PASSWORD });
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      expect(await signInWithPassword({ email: user.email, password: `guess ${i}`, ...meta() })).toMatchObject({ error: "invalid_credentials" });
    }
    const r = await signInWithPassword({ email: user.email, password: PASSWORD, ...meta() });
    expect(r).toMatchObject({ ok: false, error: "rate_limited" });
    expect(r.ok === false && r.error === "rate_limited" && r.retryAfterSeconds).toBeGreaterThan(0);

    // The refusals past the limit are counted, not logged: one throttled entry, then silence.
    await signInWithPassword({ email: user.email, password: "again", ...meta() });
    const actions = (await auditFor(user.email)).map((e) => e.action).filter((a) => a.startsWith("auth."));
    expect(actions).toEqual([...Array(SIGN_IN_LIMITS.perAccount).fill("auth.sign_in_failed"), "auth.sign_in_throttled"]);
  });

  it(`given ${SIGN_IN_LIMITS.perAddress} failures from one address across accounts, then that address is refused, others are not`, async () => {
    const { user } = await seedUser({ role: "support", password: PASSWORD });
    const address = ip();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      await signInWithPassword({ email: `spray-${i}-${randomUUID().slice(0, 6)}@test.local`, password: "x", ...meta(address) });
    }
    expect(await signInWithPassword({ email: user.email, password: PASSWORD, ...meta(address) })).toMatchObject({ ok: false, error: "rate_limited" });
    expect(await signInWithPassword({ email: user.email, password: PASSWORD, ...meta() })).toMatchObject({ ok: true });
  });

  it("given a success after some failures, then the account's count starts again", async () => {
    const { user } = await seedUser({ role: "viewer", password: PASSWORD });
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await signInWithPassword({ email: user.email, password: "nope", ...meta() });
    expect(await signInWithPassword({ email: user.email, password: PASSWORD, ...meta() })).toMatchObject({ ok: true });
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await signInWithPassword({ email: user.email, password: "nope", ...meta() });
    expect(await signInWithPassword({ email: user.email, password: PASSWORD, ...meta() })).toMatchObject({ ok: true });
  });

  it("given hostile input (NUL, huge strings), then a plain refusal and a storable audit entry", async () => {
    const email = `evil\u0000${"x".repeat(5000)}@test.local`;
    expect(await signInWithPassword({ email, password: "\u0000".repeat(10), ...meta() })).toMatchObject({ ok: false });
  });
});
