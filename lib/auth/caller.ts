import "server-only";
import { AppError } from "../errors";
import type { Actor } from "../audit/actor";
import { permissionsOf, type Permission, type Role } from "./permissions";
import { requestMeta } from "./request-meta";
import { checkSession, cookiesFromHeader, type CookieSource } from "./session";
import { authenticateToken } from "./token-auth";
import type { User } from "./users";

export type { Permission } from "./permissions";

/** Who is calling an API route: a signed-in user (session cookie) or an API token. */
export type Caller = {
  /** The person: the signed-in user, or the owner of the token. */
  id: string;
  kind: "user" | "token";
  /** The token used, when kind is "token". */
  tokenId?: string;
  /** E-mail of the user, or `token <name> of user <e-mail>`: what the audit log shows. */
  label: string;
  role: Role | null;
  permissions: Set<Permission>;
  pii: "clear" | "masked";
};

/** The caller for a signed-in user: their role's permissions. */
export function userCaller(user: User): Caller {
  const permissions = permissionsOf(user.role);
  return { id: user.id, kind: "user", label: user.email, role: user.role, permissions, pii: permissions.has("pii.read") ? "clear" : "masked" };
}

/** The audit actor for a caller on this request. */
export function actorOf(caller: Pick<Caller, "id" | "label">, req: Request): Actor {
  return { id: caller.id, label: caller.label, ...requestMeta(req.headers) };
}

/** The token of an `Authorization: Bearer <token>` header; anything else is a 401 invalid_token. */
export function bearerToken(authorization: string, ip: string | null): string {
  const match = /^Bearer +(\S+)$/i.exec(authorization.trim());
  if (!match) {
    console.warn(`[auth] 401 invalid_token: malformed Authorization header${ip ? ` from ${ip}` : ""}`);
    throw new AppError("invalid_token", "send the token as `Authorization: Bearer <token>`");
  }
  return match[1];
}

/**
 * Who is calling: `Authorization: Bearer <token>` when present (a bad token is a 401, never a
 * fall-back to the cookie), else the next-auth session re-checked against the users row, else 401.
 */
export async function authenticate(req: Request): Promise<Caller> {
  const { ip } = requestMeta(req.headers);
  const authorization = req.headers.get("authorization");
  if (authorization !== null) return authenticateToken(bearerToken(authorization, ip), ip);
  const cookies: CookieSource =
    "cookies" in req && typeof (req as { cookies?: CookieSource }).cookies?.getAll === "function"
      ? (req as unknown as { cookies: CookieSource }).cookies
      : cookiesFromHeader(req.headers.get("cookie"));
  const session = await checkSession(cookies);
  if (session.ok) return userCaller(session.user);
  if (session.reason === "none") {
    throw new AppError("unauthenticated", "sign in, or send an API token as `Authorization: Bearer <token>`");
  }
  console.warn(`[auth] 401 session_expired: ${session.reason}${ip ? ` from ${ip}` : ""}`);
  throw new AppError("session_expired", "your session has expired or was ended; sign in again");
}
