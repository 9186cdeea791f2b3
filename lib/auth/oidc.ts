import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import { inTransaction } from "../db-transaction";
import { appendAudit } from "../audit/append-audit";
import { findUserForSignIn } from "./users";
import { env } from "../env";

/** The claims Hindsight reads: from the ID token, then the userinfo endpoint's answer over them. */
export type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string; preferred_username?: string };

/** Whether the company's OpenID Connect provider is configured (all three variables set). */
export function oidcConfigured(): boolean {
  return !!(env("HINDSIGHT_OIDC_ISSUER") && env("HINDSIGHT_OIDC_CLIENT_ID") && env("HINDSIGHT_OIDC_CLIENT_SECRET"));
}

/** The button label on the sign-in page. */
export function oidcDisplayName(): string {
  return env("HINDSIGHT_OIDC_NAME") || "Single sign-on";
}

/**
 * The OpenID Connect provider, configured only by environment variables (issuer, client id,
 * secret); discovery through the issuer's well-known document, with PKCE and state checks.
 */
export function oidcProvider(): OAuthConfig<OidcProfile> | null {
  if (!oidcConfigured()) return null;
  const issuer = env("HINDSIGHT_OIDC_ISSUER")!.replace(/\/+$/, "");
  return {
    id: "oidc",
    name: oidcDisplayName(),
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: env("HINDSIGHT_OIDC_CLIENT_ID"),
    clientSecret: env("HINDSIGHT_OIDC_CLIENT_SECRET"),
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email profile" } },
    userinfo: {
      // OpenID Connect Core 5.4: a provider may give `email` only at the userinfo endpoint, not in
      // the ID token. openid-client refuses an answer whose `sub` is not the ID token's.
      async request({ tokens, client }) {
        const tokenSet = tokens as TokenSet; // next-auth hands over openid-client's TokenSet, typed loosely
        return { ...tokenSet.claims(), ...(await client.userinfo(tokenSet)) } as OidcProfile;
      },
    },
    profile: (p) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.preferred_username ?? p.email ?? p.sub }),
  };
}

/**
 * Single sign-on proves who someone is; Hindsight still decides what they may do. Only people an
 * admin has added (by e-mail, with a role) and not disabled get in, and only with an e-mail the
 * provider says it verified (`email_verified: true`). Both outcomes are audited.
 */
export async function oidcSignInAllowed(email: string | null, emailVerified: boolean): Promise<boolean> {
  const user = email ? await findUserForSignIn(email) : null;
  // An address the provider has not verified could be anyone's: it never matches a user.
  const ok = !!user && user.status === "active" && emailVerified;
  await inTransaction((client) =>
    appendAudit(client, {
      actor: ok ? { id: user!.id, label: user!.email } : { id: "anonymous", label: "anonymous" },
      action: ok ? "auth.sign_in" : "auth.sign_in_failed",
      target: `user:${email ?? "(no e-mail from the provider)"}`,
      details: ok ? { method: "oidc" } : { method: "oidc", reason: !user ? "unknown_user" : !emailVerified ? "email_not_verified" : "user_disabled" },
    }),
  );
  if (ok) await (await import("../db")).getPool().query("UPDATE users SET last_sign_in_at = now() WHERE id = $1", [user!.id]);
  return ok;
}
