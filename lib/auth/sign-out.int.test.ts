import { decode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { encode } from "next-auth/jwt";
import { GET as readLog } from "../../app/api/v1/events/route";
import { apiRequest, seedUser, sessionCookie } from "../testing/auth-fixtures";
import { systemActor } from "../audit/actor";
import { authOptions } from "./auth-options";
import { signOutEverywhere } from "./sign-out-everywhere";
import { setUserStatus } from "./update-user";
import { env } from "../env";

// The probe: after "Sign out" the old cookie kept reading clear PII for 12 h. Signing out ends
// that session on the server; "sign out everywhere" ends all of them.

async function status(cookie: string): Promise<{ status: number; code?: string }> {
  const res = await readLog(apiRequest("/api/v1/events?limit=1", { cookie }), { params: Promise.resolve({}) });
  const body = res.status === 200 ? {} : ((await res.json()) as { error?: { code?: string } });
  return { status: res.status, code: body.error?.code };
}

async function signOut(cookie: string): Promise<void> {
  const token = await decode({ token: cookie.slice(cookie.indexOf("=") + 1), secret: env("NEXTAUTH_SECRET")! });
  await authOptions().events!.signOut!({ token: token!, session: undefined as never });
}

describe("signing out", () => {
  it("ends that session on the server: the replayed cookie gets 401 session_expired; the user's other sessions go on", async () => {
    const { user } = await seedUser({ role: "support" });
    const [laptop, phone] = [await sessionCookie(user), await sessionCookie(user)];
    expect(await status(laptop)).toEqual({ status: 200, code: undefined });
    await signOut(laptop);
    expect(await status(laptop)).toEqual({ status: 401, code: "session_expired" });
    expect((await status(phone)).status).toBe(200);
    const { rows } = await getPool().query("SELECT action FROM audit_log WHERE target = $1 AND action = 'auth.sign_out'", [`user:${user.email}`]);
    expect(rows).toHaveLength(1);
  });

  it("everywhere ends every session of the user, audited; someone else's sessions go on", async () => {
    const { user } = await seedUser({ role: "compliance" });
    const other = (await seedUser({ role: "compliance" })).user;
    const mine = [await sessionCookie(user), await sessionCookie(user)];
    const theirs = await sessionCookie(other);
    expect(await signOutEverywhere({ userId: user.id, email: user.email, actor: { id: user.id, label: user.email } })).toEqual({ ended: 2 });
    for (const c of mine) expect(await status(c)).toEqual({ status: 401, code: "session_expired" });
    expect((await status(theirs)).status).toBe(200);
    const { rows } = await getPool().query("SELECT actor_id, details FROM audit_log WHERE target = $1 AND action = 'auth.sign_out_everywhere'", [`user:${user.email}`]);
    expect(rows).toEqual([{ actor_id: user.id, details: { sessionsEnded: 2 } }]);
  });

  it("refuses a cookie that names no session the server issued (one from before this release, or forged with the secret's help)", async () => {
    const { user } = await seedUser({ role: "viewer" });
    const legacy = `next-auth.session-token=${await encode({ token: { sub: user.id, sv: user.sessionVersion }, secret: env("NEXTAUTH_SECRET")!, maxAge: 3600 })}`;
    expect(await status(legacy)).toEqual({ status: 401, code: "session_expired" });
    const foreign = await sessionCookie((await seedUser({ role: "viewer" })).user);
    const sid = ((await decode({ token: foreign.split("=")[1], secret: env("NEXTAUTH_SECRET")! })) as { sid: string }).sid;
    expect(await status(await sessionCookie(user, { sessionId: sid }))).toEqual({ status: 401, code: "session_expired" });
  });

  it("disabling a user revokes their session rows too", async () => {
    const { user } = await seedUser({ role: "ops" });
    const cookie = await sessionCookie(user);
    await setUserStatus({ userId: user.id, status: "disabled", actor: systemActor("test") });
    const { rows } = await getPool().query("SELECT revoked_reason FROM user_sessions WHERE user_id = $1", [user.id]);
    expect(rows).toEqual([{ revoked_reason: "disabled" }]);
    expect((await status(cookie)).status).toBe(401);
  });
});
