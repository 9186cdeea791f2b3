import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, tokenPermissions, TOKEN_SCOPES, type Permission, type Role } from "./permissions";

// DESIGN.md "Roles", row by row: what each role may do.
const DESIGN: [string, Permission[], Role[]][] = [
  ["see dashboards, streams (PII masked)", ["events.read", "stats.read"], ["viewer", "support", "ops", "compliance", "admin"]],
  ["see PII in clear", ["pii.read"], ["support", "compliance", "admin"]],
  ["manage alert rules, snapshots, archive policies", ["alerts.manage", "snapshots.manage", "archive.manage"], ["ops", "admin"]],
  ["start/promote/rollback rebuilds", ["projections.rebuild"], ["ops", "admin"]],
  ["set the causation guards of a category (issue 6)", ["guards.manage"], ["ops", "admin"]],
  ["register event types as JSON Schema (issue 15)", ["schemas.manage"], ["ops", "admin"]],
  ["create erasure requests and holds", ["erasure.request", "holds.manage"], ["compliance", "admin"]],
  ["approve and execute erasures", ["erasure.approve"], ["compliance", "admin"]],
  ["read the audit log", ["audit.read"], ["compliance", "admin"]],
  ["users, API tokens", ["users.manage", "tokens.manage"], ["admin"]],
  ["append events from a session", ["events.append"], ["admin"]],
];

describe("the role table", () => {
  it.each(DESIGN)("%s", (_row, permissions, roles) => {
    for (const role of ROLES) {
      for (const p of permissions) expect(ROLE_PERMISSIONS[role].includes(p), `${role} / ${p}`).toBe(roles.includes(role));
    }
  });

  it("covers every permission in some row, and gives admins all of them", () => {
    expect(new Set(DESIGN.flatMap(([, ps]) => ps))).toEqual(new Set(PERMISSIONS));
    expect([...ROLE_PERMISSIONS.admin].sort()).toEqual([...PERMISSIONS].sort());
  });
});

describe("token scopes", () => {
  it("map to their permissions", () => {
    expect(TOKEN_SCOPES).toEqual({
      "events:read": ["events.read"],
      "events:append": ["events.append"],
      "pii:read": ["pii.read"],
      "stats:read": ["stats.read"],
      "erasure:write": ["erasure.request"],
      "schemas:write": ["schemas.manage"],
      "projections:rebuild": ["projections.rebuild"],
    });
  });

  it("never grant more than the owner's role, and ignore unknown scopes", () => {
    expect([...tokenPermissions(["events:read", "events:append", "pii:read"], "admin")].sort()).toEqual(["events.append", "events.read", "pii.read"]);
    expect([...tokenPermissions(["events:read", "events:append", "pii:read"], "support")].sort()).toEqual(["events.read", "pii.read"]);
    expect([...tokenPermissions(["root:all", "erasure:write"], "ops")]).toEqual([]);
  });
});
