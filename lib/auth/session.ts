import "server-only";
import { getToken } from "next-auth/jwt";
import { findUserById, type User } from "./users";
import { isSessionLive } from "./user-sessions";
import { env } from "../env";

/** Anything that lists cookies: next/headers cookies(), NextRequest.cookies, or a parsed Cookie header. */
export type CookieSource = { getAll(): { name: string; value: string }[] };

export type SessionCheck =
  | { ok: true; user: User }
  /** none: no session cookie; expired: a cookie that no longer decodes; revoked: the server ended it. */
  | { ok: false; reason: "none" | "expired" | "revoked" };

const SESSION_COOKIE = "next-auth.session-token";
const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

/**
 * The signed-in user behind a next-auth JWT session, re-checked against the users row on every
 * request: the user must be active, the token's session version must equal the row's (disabling
 * a user bumps it), and the session it names must be live in user_sessions (sign-out ends it).
 */
export async function checkSession(cookies: CookieSource): Promise<SessionCheck> {
  const all = cookies.getAll();
  const secure = all.some((c) => c.name.startsWith(SECURE_SESSION_COOKIE));
  if (!secure && !all.some((c) => c.name.startsWith(SESSION_COOKIE))) return { ok: false, reason: "none" };
  const token = await getToken({
    // Only the cookies: next-auth would otherwise also read a Bearer header as a session.
    req: { cookies: { getAll: () => all }, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
    secureCookie: secure,
    secret: env("NEXTAUTH_SECRET"),
    logger: { error: () => undefined, warn: () => undefined, debug: () => undefined } as unknown as Console,
  });
  if (!token || typeof token.sub !== "string") return { ok: false, reason: "expired" };
  const user = await findUserById(token.sub);
  if (!user || user.status !== "active" || user.sessionVersion !== token.sv) return { ok: false, reason: "revoked" };
  if (!(await isSessionLive(token.sid, user.id))) return { ok: false, reason: "revoked" };
  return { ok: true, user };
}

/** Cookies from a raw Cookie header (route handlers called with a plain Request). */
export function cookiesFromHeader(header: string | null): CookieSource {
  const list = (header ?? "")
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf("=");
      return eq < 0 ? { name: part, value: "" } : { name: part.slice(0, eq), value: part.slice(eq + 1) };
    });
  return { getAll: () => list };
}
