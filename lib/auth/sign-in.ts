import "server-only";
import { inTransaction } from "../db-transaction";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { verifyPassword } from "./passwords";
import type { RequestMeta } from "./request-meta";
import { clearAccountFailures, countSignInFailure, signInLimitState, SIGN_IN_LIMITS } from "./sign-in-limits";
import { findUserForSignIn, normaliseEmail, type User } from "./users";

export type SignInAttempt = { email: string; password: string } & RequestMeta;

export type SignInResult =
  | { ok: true; user: User }
  /** Wrong password, unknown user and disabled user all look the same from outside. */
  | { ok: false; error: "invalid_credentials" }
  | { ok: false; error: "rate_limited"; retryAfterSeconds: number };

/**
 * Checks an e-mail and password. Every outcome is audited in the transaction that counts it,
 * except attempts refused by the rate limit: those are counted only, so a flood stays one entry.
 */
export async function signInWithPassword(attempt: SignInAttempt): Promise<SignInResult> {
  // Whatever was typed becomes a lookup key and an audit target: PostgreSQL text cannot hold NUL.
  const account = normaliseEmail(attempt.email.replace(/[\u0000-\u001f\u007f]/g, "")).slice(0, 320);
  const anonymous: Actor = { id: "anonymous", label: "anonymous", ip: attempt.ip, userAgent: attempt.userAgent };
  const limit = await signInLimitState(account, attempt.ip);
  if (limit.limited) {
    console.warn(`[auth] sign-in refused by the rate limit for ${account} from ${attempt.ip ?? "?"}`);
    return { ok: false, error: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  }
  const user = await findUserForSignIn(account);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, attempt.password);
  if (!user || !passwordOk || user.status !== "active") {
    const reason = !user ? "unknown_user" : !passwordOk ? "wrong_password" : "user_disabled";
    await inTransaction(async (client) => {
      const counts = await countSignInFailure(client, account, attempt.ip);
      await appendAudit(client, { actor: anonymous, action: "auth.sign_in_failed", target: `user:${account}`, details: { reason, failuresInWindow: counts.account } });
      if (counts.account === SIGN_IN_LIMITS.perAccount || counts.ip === SIGN_IN_LIMITS.perAddress) {
        const by = counts.account === SIGN_IN_LIMITS.perAccount ? "account" : "address";
        await appendAudit(client, { actor: anonymous, action: "auth.sign_in_throttled", target: `user:${account}`, details: { by, windowSeconds: SIGN_IN_LIMITS.windowSeconds } });
      }
    });
    console.warn(`[auth] failed sign-in (${reason}) for ${account} from ${attempt.ip ?? "?"}`);
    return { ok: false, error: "invalid_credentials" };
  }
  await inTransaction(async (client) => {
    await clearAccountFailures(client, account);
    await client.query("UPDATE users SET last_sign_in_at = now() WHERE id = $1", [user.id]);
    await appendAudit(client, { actor: { id: user.id, label: user.email, ip: attempt.ip, userAgent: attempt.userAgent }, action: "auth.sign_in", target: `user:${user.email}`, details: { method: "password" } });
  });
  return { ok: true, user };
}
