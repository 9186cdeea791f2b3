import "server-only";

/** Every permission the server checks, by name (the role table lives in lib/auth/permissions.ts once sign-in lands). */
export type Permission =
  | "events.read"
  | "events.append"
  | "pii.read"
  | "stats.read";

export type Caller = { id: string; kind: "anonymous" | "user" | "token"; permissions: Set<Permission>; pii: "clear" | "masked" };

/**
 * Who is calling. Until sign-in and API tokens land (issue 3) every caller is the same
 * anonymous operator: it may read and append, and sees PII masked.
 */
export async function authenticate(_req: Request): Promise<Caller> {
  return { id: "anonymous", kind: "anonymous", permissions: new Set(["events.read", "events.append", "stats.read"]), pii: "masked" };
}
