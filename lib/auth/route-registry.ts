import type { Permission } from "./permissions";

// Every way into Hindsight's server, with the permission it checks. The permission-matrix test
// (lib/auth/permission-matrix.int.test.ts) finds every route file, server action and page on disk
// and fails when one is missing here, then calls each entry as each role.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** "public": no sign-in (health, next-auth's own endpoints). */
export type RouteEntry = { method: HttpMethod; path: string; file: string; permission: Permission | "public" };

export const ROUTES: RouteEntry[] = [
  { method: "GET", path: "/api/health", file: "app/api/health/route.ts", permission: "public" },
  { method: "GET", path: "/api/auth/[...nextauth]", file: "app/api/auth/[...nextauth]/route.ts", permission: "public" },
  { method: "POST", path: "/api/auth/[...nextauth]", file: "app/api/auth/[...nextauth]/route.ts", permission: "public" },
  { method: "GET", path: "/api/metrics", file: "app/api/metrics/route.ts", permission: "stats.read" },
  { method: "GET", path: "/api/v1/stats/growth", file: "app/api/v1/stats/growth/route.ts", permission: "stats.read" },
  { method: "GET", path: "/api/v1/events", file: "app/api/v1/events/route.ts", permission: "events.read" },
  { method: "GET", path: "/api/v1/events/subscribe", file: "app/api/v1/events/subscribe/route.ts", permission: "events.read" },
  { method: "GET", path: "/api/v1/streams", file: "app/api/v1/streams/route.ts", permission: "events.read" },
  { method: "GET", path: "/api/v1/streams/[streamId]/events", file: "app/api/v1/streams/[streamId]/events/route.ts", permission: "events.read" },
  { method: "POST", path: "/api/v1/streams/[streamId]/events", file: "app/api/v1/streams/[streamId]/events/route.ts", permission: "events.append" },
  { method: "GET", path: "/api/v1/streams/[streamId]/state", file: "app/api/v1/streams/[streamId]/state/route.ts", permission: "events.read" },
  { method: "GET", path: "/api/v1/streams/[streamId]/diff", file: "app/api/v1/streams/[streamId]/diff/route.ts", permission: "events.read" },
  // Alerts (issue #4)
  { method: "GET", path: "/api/v1/alerts", file: "app/api/v1/alerts/route.ts", permission: "events.read" },
  // Erasure and legal holds (issue #8)
  { method: "GET", path: "/api/v1/erasure-requests", file: "app/api/v1/erasure-requests/route.ts", permission: "erasure.request" },
  { method: "POST", path: "/api/v1/erasure-requests", file: "app/api/v1/erasure-requests/route.ts", permission: "erasure.request" },
  { method: "GET", path: "/api/v1/erasure-requests/[id]", file: "app/api/v1/erasure-requests/[id]/route.ts", permission: "erasure.request" },
  { method: "GET", path: "/api/v1/subjects/[subjectId]/export", file: "app/api/v1/subjects/[subjectId]/export/route.ts", permission: "erasure.request" },
  // Time travel: events by id (issue #5)
  { method: "GET", path: "/api/v1/events/[eventId]", file: "app/api/v1/events/[eventId]/route.ts", permission: "events.read" },
  // causation (issue 6)
  { method: "GET", path: "/api/v1/correlations/[correlationId]", file: "app/api/v1/correlations/[correlationId]/route.ts", permission: "events.read" },
  // Archiving (issue #9)
  { method: "GET", path: "/api/v1/archive/holds/[holdId]", file: "app/api/v1/archive/holds/[holdId]/route.ts", permission: "holds.manage" },
  // Projections
  { method: "GET", path: "/api/v1/projections/[name]", file: "app/api/v1/projections/[name]/route.ts", permission: "events.read" },
  { method: "GET", path: "/api/v1/projections/[name]/diff", file: "app/api/v1/projections/[name]/diff/route.ts", permission: "events.read" },
  { method: "POST", path: "/api/v1/projections/[name]/rebuilds", file: "app/api/v1/projections/[name]/rebuilds/route.ts", permission: "projections.rebuild" },
  { method: "GET", path: "/api/v1/projections/[name]/rebuilds/[id]", file: "app/api/v1/projections/[name]/rebuilds/[id]/route.ts", permission: "events.read" },
  { method: "POST", path: "/api/v1/projections/[name]/promote", file: "app/api/v1/projections/[name]/promote/route.ts", permission: "projections.rebuild" },
  { method: "POST", path: "/api/v1/projections/[name]/rollback", file: "app/api/v1/projections/[name]/rollback/route.ts", permission: "projections.rebuild" },
  // Bring your domain (issue 15): the registry as data
  { method: "GET", path: "/api/v1/schemas", file: "app/api/v1/schemas/route.ts", permission: "events.read" },
  { method: "PUT", path: "/api/v1/schemas/[type]/versions/[version]", file: "app/api/v1/schemas/[type]/versions/[version]/route.ts", permission: "schemas.manage" },
];

/** A server action: the exported function `name` of the "use server" module `file`. */
export type ActionEntry = { name: string; file: string; permission: Permission };

export const ACTIONS: ActionEntry[] = [
  { name: "createTokenAction", file: "lib/auth/token-actions.ts", permission: "tokens.manage" },
  { name: "revokeTokenAction", file: "lib/auth/token-actions.ts", permission: "tokens.manage" },
  { name: "createUserAction", file: "lib/auth/user-actions.ts", permission: "users.manage" },
  { name: "changeRoleAction", file: "lib/auth/user-actions.ts", permission: "users.manage" },
  { name: "setUserStatusAction", file: "lib/auth/user-actions.ts", permission: "users.manage" },
  // Everyone who can see the console may end their own sessions.
  { name: "signOutEverywhereAction", file: "lib/auth/session-actions.ts", permission: "events.read" },
  { name: "verifyAuditChainAction", file: "lib/audit/audit-actions.ts", permission: "audit.read" },
  // Alerts (issue #4)
  { name: "createAlertRuleAction", file: "lib/alerts/alert-actions.ts", permission: "alerts.manage" },
  { name: "updateAlertRuleAction", file: "lib/alerts/alert-actions.ts", permission: "alerts.manage" },
  { name: "setAlertRuleEnabledAction", file: "lib/alerts/alert-actions.ts", permission: "alerts.manage" },
  { name: "deleteAlertRuleAction", file: "lib/alerts/alert-actions.ts", permission: "alerts.manage" },
  { name: "acknowledgeAlertAction", file: "lib/alerts/alert-actions.ts", permission: "alerts.manage" },
  { name: "createSilenceAction", file: "lib/alerts/alert-actions.ts", permission: "alerts.manage" },
  { name: "expireSilenceAction", file: "lib/alerts/alert-actions.ts", permission: "alerts.manage" },
  { name: "createWebhookAction", file: "lib/alerts/alert-actions.ts", permission: "alerts.manage" },
  { name: "deleteWebhookAction", file: "lib/alerts/alert-actions.ts", permission: "alerts.manage" },
  { name: "testWebhookAction", file: "lib/alerts/alert-actions.ts", permission: "alerts.manage" },
  { name: "rotateWebhookSecretAction", file: "lib/alerts/alert-actions.ts", permission: "alerts.manage" },
  // Erasure and legal holds (issue #8)
  { name: "createErasureRequestAction", file: "lib/compliance/erasure-actions.ts", permission: "erasure.request" },
  { name: "approveErasureAction", file: "lib/compliance/erasure-actions.ts", permission: "erasure.approve" },
  { name: "rejectErasureAction", file: "lib/compliance/erasure-actions.ts", permission: "erasure.approve" },
  { name: "retryVerificationAction", file: "lib/compliance/erasure-actions.ts", permission: "erasure.approve" },
  { name: "extendDeadlineAction", file: "lib/compliance/erasure-actions.ts", permission: "erasure.request" },
  { name: "createLegalHoldAction", file: "lib/compliance/erasure-actions.ts", permission: "holds.manage" },
  { name: "releaseLegalHoldAction", file: "lib/compliance/erasure-actions.ts", permission: "holds.manage" },
  // causation (issue 6)
  { name: "updateGuardsAction", file: "lib/causation/guard-actions.ts", permission: "guards.manage" },
  // Archiving (issue #9)
  { name: "saveArchivePolicyAction", file: "lib/archive/archive-actions.ts", permission: "archive.manage" },
  { name: "deleteArchivePolicyAction", file: "lib/archive/archive-actions.ts", permission: "archive.manage" },
  { name: "runArchivePolicyNowAction", file: "lib/archive/archive-actions.ts", permission: "archive.manage" },
  // Projections
  { name: "startRebuildAction", file: "lib/projections/projection-actions.ts", permission: "projections.rebuild" },
  { name: "controlRebuildAction", file: "lib/projections/projection-actions.ts", permission: "projections.rebuild" },
  { name: "promoteVersionAction", file: "lib/projections/projection-actions.ts", permission: "projections.rebuild" },
  { name: "rollbackVersionAction", file: "lib/projections/projection-actions.ts", permission: "projections.rebuild" },
  { name: "discardVersionAction", file: "lib/projections/projection-actions.ts", permission: "projections.rebuild" },
  { name: "resolveParkedAction", file: "lib/projections/projection-actions.ts", permission: "projections.rebuild" },
  { name: "startDrillAction", file: "lib/projections/projection-actions.ts", permission: "projections.rebuild" },
];

/** "signed-in": any signed-in user; "public": anyone. */
export type PageEntry = { path: string; file: string; permission: Permission | "signed-in" | "public" };

export const PAGES: PageEntry[] = [
  { path: "/", file: "app/page.tsx", permission: "events.read" },
  { path: "/growth", file: "app/growth/page.tsx", permission: "stats.read" },
  { path: "/alerts", file: "app/alerts/page.tsx", permission: "events.read" },
  { path: "/streams", file: "app/streams/page.tsx", permission: "events.read" },
  { path: "/streams/[streamId]", file: "app/streams/[streamId]/page.tsx", permission: "events.read" },
  { path: "/causation", file: "app/causation/page.tsx", permission: "events.read" },
  { path: "/schemas", file: "app/schemas/page.tsx", permission: "events.read" },
  { path: "/projections", file: "app/projections/page.tsx", permission: "events.read" },
  { path: "/compliance", file: "app/compliance/page.tsx", permission: "erasure.request" },
  { path: "/audit", file: "app/audit/page.tsx", permission: "audit.read" },
  { path: "/users", file: "app/users/page.tsx", permission: "users.manage" },
  { path: "/settings", file: "app/settings/page.tsx", permission: "tokens.manage" },
  { path: "/no-access", file: "app/no-access/page.tsx", permission: "signed-in" },
  { path: "/sign-in", file: "app/sign-in/page.tsx", permission: "public" },
  // Erasure and legal holds (issue #8)
  { path: "/compliance/requests/[id]", file: "app/compliance/requests/[id]/page.tsx", permission: "erasure.request" },
  { path: "/compliance/requests/[id]/certificate", file: "app/compliance/requests/[id]/certificate/page.tsx", permission: "erasure.request" },
  // Time travel: the permanent link to an event (issue #5)
  { path: "/events/[eventId]", file: "app/events/[eventId]/page.tsx", permission: "events.read" },
  // causation (issue 6)
  { path: "/causation/guards", file: "app/causation/guards/page.tsx", permission: "events.read" },
  // Archiving (issue #9)
  { path: "/archive", file: "app/archive/page.tsx", permission: "stats.read" },
  // Projections
  { path: "/projections/[name]", file: "app/projections/[name]/page.tsx", permission: "events.read" },
];
