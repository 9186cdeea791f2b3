// The one permission table: what each role may do, and what each API token scope grants.
// Plain data with no server imports, so the navigation can hide what a role cannot use.

export const PERMISSIONS = [
  "events.read",
  "events.append",
  "pii.read",
  "stats.read",
  "alerts.manage",
  "snapshots.manage",
  "archive.manage",
  "projections.rebuild",
  "erasure.request",
  "holds.manage",
  "erasure.approve",
  "audit.read",
  "users.manage",
  "tokens.manage",
  // causation (issue 6): the append guards per category
  "guards.manage",
  // bring your domain (issue 15): event types registered as JSON Schema
  "schemas.manage",
] as const;

/** Every permission the server checks, by name. */
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ["viewer", "support", "ops", "compliance", "admin"] as const;
export type Role = (typeof ROLES)[number];

const EVERYONE: readonly Permission[] = ["events.read", "stats.read"];
const OPERATIONS: readonly Permission[] = ["alerts.manage", "snapshots.manage", "archive.manage", "projections.rebuild", "guards.manage", "schemas.manage"];
const COMPLIANCE: readonly Permission[] = ["pii.read", "erasure.request", "holds.manage", "erasure.approve", "audit.read"];

/** Role → permissions, as in DESIGN.md "Roles". Appending events from the console is an admin's job. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: EVERYONE,
  support: [...EVERYONE, "pii.read"],
  ops: [...EVERYONE, ...OPERATIONS],
  compliance: [...EVERYONE, ...COMPLIANCE],
  admin: [...PERMISSIONS],
};

/** API token scope → the permissions it grants (never more than the token's owner holds). */
export const TOKEN_SCOPES = {
  "events:read": ["events.read"],
  "events:append": ["events.append"],
  "pii:read": ["pii.read"],
  "stats:read": ["stats.read"],
  "erasure:write": ["erasure.request"],
  "schemas:write": ["schemas.manage"],
  "projections:rebuild": ["projections.rebuild"],
} as const satisfies Record<string, readonly Permission[]>;

export type TokenScope = keyof typeof TOKEN_SCOPES;
export const SCOPES = Object.keys(TOKEN_SCOPES) as TokenScope[];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  support: "Support",
  ops: "Ops",
  compliance: "Compliance",
  admin: "Admin",
};

export function isScope(value: unknown): value is TokenScope {
  return typeof value === "string" && Object.hasOwn(TOKEN_SCOPES, value);
}

/** The permissions of a role. */
export function permissionsOf(role: Role): Set<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

/** What a token may do: its scopes' permissions, cut down to what its owner's role still allows. */
export function tokenPermissions(scopes: readonly string[], ownerRole: Role): Set<Permission> {
  const owner = permissionsOf(ownerRole);
  const granted = new Set<Permission>();
  for (const scope of scopes) {
    if (!isScope(scope)) continue;
    for (const p of TOKEN_SCOPES[scope]) if (owner.has(p)) granted.add(p);
  }
  return granted;
}
