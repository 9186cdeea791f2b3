import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { createApiToken } from "../auth/api-tokens";
import { createUser } from "../auth/create-user";
import { openSession } from "../auth/user-sessions";
import type { Role, TokenScope } from "../auth/permissions";
import type { User } from "../auth/users";
import { systemActor } from "../audit/actor";
import { env } from "../env";

const fixtures = systemActor("test-fixtures");

export type SeededUser = { user: User; password: string | null };

/** A user with a unique e-mail; no password unless one is given (argon2 takes a while, most tests need none). */
export async function seedUser(opts: { role: Role; password?: string; email?: string; name?: string }): Promise<SeededUser> {
  const email = opts.email ?? `${opts.role}-${randomUUID().slice(0, 8)}@test.local`;
  const user = await createUser({ email, name: opts.name ?? `Test ${opts.role}`, role: opts.role, password: opts.password ?? null, actor: fixtures });
  return { user, password: opts.password ?? null };
}

/** An API token with these scopes, owned by a fresh user of `ownerRole` (admin by default). */
export async function createTestToken(opts: { scopes: TokenScope[]; ownerRole?: Role; owner?: User; name?: string }): Promise<{ token: string; tokenId: string; owner: User }> {
  const owner = opts.owner ?? (await seedUser({ role: opts.ownerRole ?? "admin" })).user;
  const { token, info } = await createApiToken({ name: opts.name ?? `test-${randomUUID().slice(0, 8)}`, scopes: opts.scopes, ownerId: owner.id, actor: fixtures });
  return { token, tokenId: info.id, owner };
}

/**
 * A `Cookie` header value carrying a next-auth session for `user`, exactly as next-auth would
 * issue it (encrypted JWT with the user id, session version and a live session row). A negative maxAge makes it expired.
 */
export async function sessionCookie(user: Pick<User, "id" | "sessionVersion">, opts: { maxAge?: number; sessionVersion?: number; sessionId?: string } = {}): Promise<string> {
  const jwt = await encode({
    token: { sub: user.id, sv: opts.sessionVersion ?? user.sessionVersion, sid: opts.sessionId ?? (await openSession(user.id)) },
    secret: env("NEXTAUTH_SECRET")!,
    maxAge: opts.maxAge ?? 3600,
  });
  return `next-auth.session-token=${jwt}`;
}

export const TEST_ORIGIN = "http://hindsight.test";

export type ApiRequestOptions = {
  method?: string;
  body?: unknown;
  token?: string;
  cookie?: string;
  /** Sent as the Origin header; defaults to this site for cookie-authenticated writes. */
  origin?: string | null;
  headers?: Record<string, string>;
};

/** A NextRequest to `path` (e.g. `/api/v1/events?limit=1`) with a token or session cookie. */
export function apiRequest(path: string, opts: ApiRequestOptions = {}): NextRequest {
  const method = opts.method ?? "GET";
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  const origin = opts.origin === undefined ? (opts.cookie && method !== "GET" ? TEST_ORIGIN : null) : opts.origin;
  if (origin) headers.origin = origin;
  if (opts.body !== undefined) headers["content-type"] ??= "application/json";
  return new NextRequest(`${TEST_ORIGIN}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
  });
}
