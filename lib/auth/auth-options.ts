import "server-only";
import type { NextAuthOptions } from "next-auth";
import { headers } from "next/headers";
import CredentialsProvider from "next-auth/providers/credentials";
import { appendAudit } from "../audit/append-audit";
import { inTransaction } from "../db-transaction";
import { oidcProvider, oidcSignInAllowed, type OidcProfile } from "./oidc";
import { requestMeta } from "./request-meta";
import { signInWithPassword } from "./sign-in";
import { openSession, revokeSession, SESSION_MAX_AGE_SECONDS } from "./user-sessions";
import { findUserById, findUserForSignIn } from "./users";
import { env } from "../env";

export { SESSION_MAX_AGE_SECONDS };

/** Sign-in errors the sign-in page knows how to explain (next-auth passes them as `?error=`). */
export const RATE_LIMITED = "RateLimited";

/**
 * next-auth: e-mail + password, plus the company's OpenID Connect provider when configured.
 * Credentials sign-in needs JWT sessions; the JWT carries only the user id and session version,
 * and every request re-checks both against the users row (lib/auth/session.ts).
 */
export function authOptions(): NextAuthOptions {
  const oidc = oidcProvider();
  return {
    secret: env("NEXTAUTH_SECRET"),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    // Cookies are httpOnly and SameSite=Lax by default; Secure (and the __Secure- prefix) behind https.
    useSecureCookies: (env("NEXTAUTH_URL") ?? "").startsWith("https://"),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const meta = requestMeta((req?.headers ?? {}) as Record<string, string>);
          const result = await signInWithPassword({ email: String(credentials?.email ?? ""), password: String(credentials?.password ?? ""), ...meta });
          if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name, sv: result.user.sessionVersion };
          if (result.error === "rate_limited") throw new Error(RATE_LIMITED);
          return null;
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        return oidcSignInAllowed(user.email ?? null, (profile as OidcProfile | undefined)?.email_verified === true);
      },
      async jwt({ token, user, account }) {
        if (!user) return token;
        // At sign-in: pin the session to our user id, its session version and a session row the server can end.
        const row = account?.provider === "oidc" ? await findUserForSignIn(user.email ?? "") : await findUserById(user.id);
        if (row) {
          token.sub = row.id;
          token.sv = row.sessionVersion;
          token.sid = await openSession(row.id);
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { name: session.user?.name, email: session.user?.email, id: token.sub } };
      },
    },
    events: {
      async signOut({ token }) {
        // Signing out ends the session on the server: the old cookie, replayed, is refused.
        await revokeSession(token?.sid, "sign_out");
        const user = typeof token?.sub === "string" ? await findUserById(token.sub) : null;
        if (!user) return;
        // next-auth hands events no request; the route handler's own headers say where it came from.
        const meta = await Promise.resolve()
          .then(() => headers())
          .then(requestMeta, () => ({ ip: null, userAgent: null }));
        await inTransaction((client) => appendAudit(client, { actor: { id: user.id, label: user.email, ...meta }, action: "auth.sign_out", target: `user:${user.email}` }));
      },
    },
    logger: {
      // next-auth logs failed sign-ins with stack traces; ours are audited and logged in one line.
      error: (code, meta) => {
        if (code === "CREDENTIALS_SIGNIN_ERROR" || (meta as { message?: string } | undefined)?.message === RATE_LIMITED) return;
        console.error(`[next-auth] ${code}`, meta instanceof Error ? meta.message : "");
      },
      warn: (code) => {
        if (code !== "NEXTAUTH_URL" && code !== "DEBUG_ENABLED") console.warn(`[next-auth] ${code}`);
      },
      debug: () => undefined,
    },
  };
}
