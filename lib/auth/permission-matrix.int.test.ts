import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { saveArchivePolicy } from "../archive/archive-policies";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { apiRequest, createTestToken, seedUser, sessionCookie } from "../testing/auth-fixtures";
import { createErasureRequest } from "../compliance/create-erasure-request";
import { createLegalHold } from "../compliance/legal-holds";
import type { ActionResult } from "../http/action-result";
import { ROLE_PERMISSIONS, ROLES, type Role } from "./permissions";
import { findUserById } from "./users";
import { ACTIONS, PAGES, ROUTES, type ActionEntry, type RouteEntry } from "./route-registry";
import type { User } from "./users";
import { systemActor } from "../audit/actor";
import { evaluateRules } from "../alerts/evaluate-rules";
import { createAlertRule } from "../alerts/manage-rules";
import { createSilence } from "../alerts/manage-silences";
import { createWebhook } from "../alerts/manage-webhooks";
import { buildInline } from "../projections/build-inline";
import { startRebuild } from "../projections/start-rebuild";
import { defineProjection } from "../projections/projection";
import { projectionRegistry } from "../projections/registry";
import { promoteVersion } from "../projections/switch-live-version";
import { defaultEnv, setEnv } from "../env";

// The permission matrix: everything on disk is in the registry, and every role gets exactly what
// lib/auth/permissions.ts gives it: allowed → works, denied → 403 with a denial in the audit log.

// Server actions read the session through next/headers, which only exists inside a Next.js request.
const request = vi.hoisted(() => ({ cookie: "", headers: new Headers() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    getAll: () =>
      request.cookie
        .split(";")
        .filter(Boolean)
        .map((c) => ({ name: c.slice(0, c.indexOf("=")).trim(), value: c.slice(c.indexOf("=") + 1) })),
  }),
  headers: async () => request.headers,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const ROOT = process.cwd();
// The archive run-now sample writes hold segments: keep them out of the working tree.
defaultEnv({ HINDSIGHT_ARCHIVE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "hs-matrix-archive-")) });
// The webhook samples point at a closed loopback port, which only an allow-listed host may be.
setEnv({ HINDSIGHT_WEBHOOK_ALLOW_HOSTS: "127.0.0.1" });
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function walk(dir: string, keep: (file: string) => boolean): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" || d.name === "node_modules" ? [] : walk(rel, keep);
    return keep(rel) ? [rel] : [];
  });
}

describe("the registry lists everything on disk", () => {
  it("every exported method of every route file under app/, and nothing that is not there", async () => {
    const onDisk: string[] = [];
    for (const file of walk("app", (f) => /\/route\.tsx?$/.test(f))) {
      const mod = await import(path.join(ROOT, file));
      for (const m of METHODS) if (typeof mod[m] === "function") onDisk.push(`${m} ${file}`);
    }
    expect(onDisk.length).toBeGreaterThanOrEqual(7);
    expect(ROUTES.map((r) => `${r.method} ${r.file}`).sort()).toEqual(onDisk.sort());
  });

  it("every exported function of every \"use server\" module, and nothing that is not there", async () => {
    const onDisk: string[] = [];
    for (const file of walk("lib", (f) => /\.tsx?$/.test(f) && !f.includes(".test.")).concat(walk("app", (f) => /\.tsx?$/.test(f) && !f.includes(".test.")))) {
      if (!/^\s*["']use server["']/.test(fs.readFileSync(path.join(ROOT, file), "utf8"))) continue;
      const mod = await import(path.join(ROOT, file));
      for (const [name, value] of Object.entries(mod)) if (typeof value === "function") onDisk.push(`${name} ${file}`);
    }
    expect(onDisk.length).toBeGreaterThanOrEqual(6);
    expect(ACTIONS.map((a) => `${a.name} ${a.file}`).sort()).toEqual(onDisk.sort());
  });

  it("every page, each checking on the server the permission it is listed with", () => {
    const onDisk = walk("app", (f) => /\/page\.tsx$/.test(f));
    expect(PAGES.map((p) => p.file).sort()).toEqual(onDisk.sort());
    for (const page of PAGES) {
      const source = fs.readFileSync(path.join(ROOT, page.file), "utf8");
      if (page.permission === "public") expect(source, page.file).not.toMatch(/requirePagePermission\(/);
      else if (page.permission === "signed-in") expect(source, page.file).toMatch(/await getViewer\(\)/);
      else expect(source, page.file).toContain(`await requirePagePermission("${page.permission}")`);
    }
  });
});

let streamId = "";
let erasureRequestId = "";
let eventId = "";
let holdId = "";
const correlationId = randomUUID();
beforeAll(async () => {
  streamId = `matrix-${randomUUID().slice(0, 8)}`;
  eventId = (await appendToStream({ streamId, events: [{ type: "MatrixNoted", data: { n: 1 }, correlationId }] })).events[0].eventId;
  erasureRequestId = (await givenErasureRequest()).id;
  const hold = await getPool().query<{ id: string }>("INSERT INTO legal_holds (scope, target, reason, created_by) VALUES ('stream', $1, 'matrix sample', 'test') RETURNING id", [streamId]);
  holdId = hold.rows[0].id;
});

// Erasure samples: requests made by someone else (a system actor), so any allowed role may approve them.
const givenErasureRequest = () => createErasureRequest({ subjectId: `matrix-subject-${randomUUID().slice(0, 8)}`, reason: "matrix sample", actor: matrixActor });

type RouteCall = { url: string; params: Record<string, string>; body?: unknown; expect: number };

/** One sample request per route, which works for anyone allowed to make it. */
const ROUTE_SAMPLES: Record<string, () => RouteCall> = {
  "GET /api/metrics": () => ({ url: "/api/metrics", params: {}, expect: 200 }),
  "GET /api/v1/stats/growth": () => ({ url: "/api/v1/stats/growth?bucket=day&groupBy=type", params: {}, expect: 200 }),
  "GET /api/v1/events": () => ({ url: "/api/v1/events?limit=1", params: {}, expect: 200 }),
  "GET /api/v1/events/subscribe": () => ({ url: "/api/v1/events/subscribe", params: {}, expect: 200 }),
  "GET /api/v1/streams": () => ({ url: "/api/v1/streams?limit=1", params: {}, expect: 200 }),
  "GET /api/v1/streams/[streamId]/events": () => ({ url: `/api/v1/streams/${streamId}/events`, params: { streamId }, expect: 200 }),
  "GET /api/v1/streams/[streamId]/state": () => ({ url: `/api/v1/streams/${streamId}/state?version=1`, params: { streamId }, expect: 200 }),
  "GET /api/v1/streams/[streamId]/diff": () => ({ url: `/api/v1/streams/${streamId}/diff?from=0&to=1`, params: { streamId }, expect: 200 }),
  "GET /api/v1/archive/holds/[holdId]": () => ({ url: `/api/v1/archive/holds/${holdId}`, params: { holdId }, expect: 200 }),
  "POST /api/v1/streams/[streamId]/events": () => {
    const id = `matrix-${randomUUID().slice(0, 8)}`;
    return { url: `/api/v1/streams/${id}/events`, params: { streamId: id }, body: { events: [{ type: "MatrixNoted", data: { n: 2 } }] }, expect: 201 };
  },
  // Alerts (issue #4)
  "GET /api/v1/alerts": () => ({ url: "/api/v1/alerts?state=firing", params: {}, expect: 200 }),
  // Erasure and legal holds (issue #8)
  "GET /api/v1/erasure-requests": () => ({ url: "/api/v1/erasure-requests?limit=5", params: {}, expect: 200 }),
  "POST /api/v1/erasure-requests": () => ({
    url: "/api/v1/erasure-requests",
    params: {},
    body: { subjectId: `matrix-subject-${randomUUID().slice(0, 8)}`, reason: "matrix sample", knownValues: ["matrix@example.org"] },
    expect: 201,
  }),
  "GET /api/v1/erasure-requests/[id]": () => ({ url: `/api/v1/erasure-requests/${erasureRequestId}`, params: { id: erasureRequestId }, expect: 200 }),
  "GET /api/v1/subjects/[subjectId]/export": () => ({ url: "/api/v1/subjects/matrix-subject/export", params: { subjectId: "matrix-subject" }, expect: 200 }),
  // Time travel: events by id (issue #5)
  "GET /api/v1/events/[eventId]": () => ({ url: `/api/v1/events/${eventId}`, params: { eventId }, expect: 200 }),
  // causation (issue 6)
  "GET /api/v1/correlations/[correlationId]": () => ({ url: `/api/v1/correlations/${correlationId}`, params: { correlationId }, expect: 200 }),
  // Projections
  "GET /api/v1/projections/[name]": () => ({ url: "/api/v1/projections/account-balances", params: { name: "account-balances" }, expect: 200 }),
  "GET /api/v1/projections/[name]/diff": () => ({ url: "/api/v1/projections/account-balances/diff?kind=changed", params: { name: "account-balances" }, expect: 200 }),
  "POST /api/v1/projections/[name]/rebuilds": () => {
    const name = `matrix-${randomUUID().slice(0, 8)}`;
    projectionRegistry().add(defineProjection({ name, version: 1, title: name, changes: "", categories: ["matrix"], accepts: [], upcast: true, key: (e) => e.streamId, keyFromStreamIdOnly: true, initialState: () => ({}), evolve: (s) => s }));
    return { url: `/api/v1/projections/${name}/rebuilds`, params: { name }, body: { version: 1, partitions: 1 }, expect: 202 };
  },
  "GET /api/v1/projections/[name]/rebuilds/[id]": () => ({ url: "/api/v1/projections/account-balances/rebuilds/999999", params: { name: "account-balances", id: "999999" }, expect: 404 }),
  "POST /api/v1/projections/[name]/promote": () => ({ url: "/api/v1/projections/account-balances/promote", params: { name: "account-balances" }, body: { version: 9 }, expect: 404 }),
  "POST /api/v1/projections/[name]/rollback": () => ({ url: "/api/v1/projections/account-balances/rollback", params: { name: "account-balances" }, expect: 409 }),
  // Bring your domain (issue 15)
  "GET /api/v1/schemas": () => ({ url: "/api/v1/schemas", params: {}, expect: 200 }),
  "PUT /api/v1/schemas/[type]/versions/[version]": () => {
    const type = `Matrix${randomUUID().slice(0, 8)}`;
    return { url: `/api/v1/schemas/${type}/versions/1`, params: { type, version: "1" }, body: { schema: { type: "object" } }, expect: 201 };
  },
};

// Projections: each sample starts from a projection with no versions at all.
async function resetProjection(name: string) {
  await getPool().query("DELETE FROM projection_live WHERE name = $1", [name]);
  await getPool().query("UPDATE projection_versions SET status = 'discarded' WHERE name = $1", [name]);
}
/** v1 live and v2 built beside it, caught up. */
async function greenReady(name: string): Promise<number> {
  await resetProjection(name);
  const actor = systemActor("matrix");
  await buildInline((await startRebuild({ name, codeVersion: 1, partitions: 1, actor })).versionId);
  const green = (await startRebuild({ name, codeVersion: 2, partitions: 1, actor })).versionId;
  await buildInline(green);
  return green;
}

/** One sample input per server action, which works for anyone allowed to run it. */
const ACTION_SAMPLES: Record<string, () => Promise<FormData | undefined>> = {
  createTokenAction: async () => form({ name: `matrix-${randomUUID().slice(0, 6)}`, scopes: "events:read" }),
  revokeTokenAction: async () => form({ tokenId: (await createTestToken({ scopes: ["events:read"] })).tokenId }),
  createUserAction: async () => form({ email: `new-${randomUUID().slice(0, 8)}@test.local`, name: "New Person", role: "viewer", password: "a-long-enough-password" }),
  changeRoleAction: async () => form({ userId: (await seedUser({ role: "viewer" })).user.id, role: "support" }),
  setUserStatusAction: async () => form({ userId: (await seedUser({ role: "viewer" })).user.id, status: "disabled" }),
  verifyAuditChainAction: async () => undefined,
  signOutEverywhereAction: async () => undefined,
  // Alerts (issue #4): each sample makes its own rule, alert, silence or endpoint through the services.
  createAlertRuleAction: async () => form({ name: `matrix ${randomUUID().slice(0, 6)}`, kind: "volume_threshold", severity: "warning", "params.scope": "category", "params.target": "matrix", "params.threshold": "100", "params.windowSeconds": "300" }),
  updateAlertRuleAction: async () => form({ id: await matrixRule(), kind: "volume_threshold", name: "matrix renamed", severity: "critical", "params.scope": "category", "params.target": "matrix", "params.threshold": "50", "params.windowSeconds": "60" }),
  setAlertRuleEnabledAction: async () => form({ id: await matrixRule(), enabled: "false" }),
  deleteAlertRuleAction: async () => form({ id: await matrixRule() }),
  acknowledgeAlertAction: async () => form({ alertId: String(await matrixAlert()), comment: "matrix looked at it" }),
  createSilenceAction: async () => form({ target: "category", category: "matrix", reason: "matrix test", minutes: "30" }),
  expireSilenceAction: async () => form({ id: (await createSilence({ category: "matrix", reason: "matrix", endsAt: new Date(Date.now() + 600_000), actor: matrixActor })).id }),
  createWebhookAction: async () => form({ name: `matrix ${randomUUID().slice(0, 6)}`, url: "http://127.0.0.1:1/matrix" }),
  deleteWebhookAction: async () => form({ id: (await createWebhook({ name: "matrix", url: "http://127.0.0.1:1/matrix", actor: matrixActor })).id }),
  testWebhookAction: async () => form({ id: (await createWebhook({ name: "matrix", url: "http://127.0.0.1:1/matrix", actor: matrixActor })).id }),
  rotateWebhookSecretAction: async () => form({ id: (await createWebhook({ name: "matrix", url: "http://127.0.0.1:1/matrix", actor: matrixActor })).id }),
  // Erasure and legal holds (issue #8)
  createErasureRequestAction: async () => form({ subjectId: `matrix-subject-${randomUUID().slice(0, 8)}`, reason: "matrix sample", knownValues: "matrix@example.org" }),
  approveErasureAction: async () => form({ requestId: (await givenErasureRequest()).id }),
  rejectErasureAction: async () => form({ requestId: (await givenErasureRequest()).id, reason: "matrix sample" }),
  retryVerificationAction: async () => {
    const { id } = await givenErasureRequest();
    await getPool().query(
      `UPDATE erasure_requests SET status = 'failed', failure = 'matrix sample',
              history = history || jsonb_build_array(jsonb_build_object('at', now()::text, 'from', 'verifying', 'to', 'failed', 'by', 'matrix')) WHERE id = $1`,
      [id],
    );
    return form({ requestId: id });
  },
  extendDeadlineAction: async () => form({ requestId: (await givenErasureRequest()).id, days: "7", reason: "matrix sample" }),
  createLegalHoldAction: async () => form({ scope: "subject", target: `matrix-held-${randomUUID().slice(0, 8)}`, reason: "matrix sample" }),
  releaseLegalHoldAction: async () =>
    form({ holdId: (await createLegalHold({ scope: "subject", target: `matrix-held-${randomUUID().slice(0, 8)}`, reason: "matrix sample", actor: matrixActor })).id, reason: "matrix sample" }),
  // causation (issue 6)
  updateGuardsAction: async () => form({ category: `matrix${randomUUID().slice(0, 6)}`, maxDepth: "80", maxPerHour: "5000" }),
  // Archiving (issue #9)
  saveArchivePolicyAction: async () => form({ category: `matrix${randomUUID().slice(0, 6)}`, olderThanDays: "30", enabled: "on" }),
  deleteArchivePolicyAction: async () => form({ category: await archivePolicy() }),
  runArchivePolicyNowAction: async () => form({ category: await archivePolicy() }),
  // Projections
  startRebuildAction: async () => {
    await resetProjection("account-balances");
    return form({ name: "account-balances", codeVersion: "2", partitions: "2" });
  },
  controlRebuildAction: async () => {
    await resetProjection("order-totals");
    const { versionId } = await startRebuild({ name: "order-totals", codeVersion: 2, partitions: 2, actor: systemActor("matrix") });
    return form({ name: "order-totals", versionId: String(versionId), op: "cancel" });
  },
  promoteVersionAction: async () => form({ name: "order-totals", versionId: String(await greenReady("order-totals")), added: "0", removed: "0", changed: "0" }),
  rollbackVersionAction: async () => {
    const versionId = await greenReady("order-totals");
    await promoteVersion({ name: "order-totals", versionId, actor: systemActor("matrix"), confirmedDiff: { added: 0, removed: 0, changed: 0 } });
    return form({ name: "order-totals" });
  },
  discardVersionAction: async () => form({ name: "account-balances", versionId: String(await greenReady("account-balances")) }),
  resolveParkedAction: async () => {
    const versionId = await greenReady("account-balances");
    await getPool().query("UPDATE projection_versions SET parked_event_id = gen_random_uuid(), parked_error = 'matrix' WHERE id = $1", [versionId]);
    return form({ name: "account-balances", versionId: String(versionId), op: "skip" });
  },
  startDrillAction: async () => {
    await getPool().query("UPDATE projection_drills SET status = 'cancelled' WHERE name = 'user-directory'");
    return form({ name: "user-directory", partitions: "1" });
  },
};

const matrixActor = systemActor("permission-matrix");

async function matrixRule(): Promise<string> {
  const params = { scope: "category", target: `mx${randomUUID().slice(0, 6)}`, threshold: 1, windowSeconds: 60 };
  return (await createAlertRule({ name: "matrix", kind: "volume_threshold", severity: "warning", params, actor: matrixActor })).id;
}

/** A firing alert: two events in a fresh category and a rule that fires above one. */
async function matrixAlert(): Promise<number> {
  const category = `mx${randomUUID().slice(0, 6)}`;
  await appendToStream({ streamId: `${category}-1`, events: [{ type: "MatrixNoted", data: {} }, { type: "MatrixNoted", data: {} }] });
  const id = await createAlertRule({ name: "matrix", kind: "volume_threshold", severity: "warning", params: { scope: "category", target: category, threshold: 1, windowSeconds: 60 }, actor: matrixActor });
  await evaluateRules({ ruleIds: [id.id], now: new Date(Date.now() + 500) });
  const { rows } = await getPool().query<{ id: number }>("SELECT id FROM alerts WHERE rule_id = $1", [id.id]);
  return rows[0].id;
}

async function archivePolicy(): Promise<string> {
  const category = `matrix${randomUUID().slice(0, 6)}`;
  await saveArchivePolicy({ category, olderThanDays: 30, historyOnly: true, enabled: true, actor: systemActor("matrix") });
  return category;
}

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

const publicRoutes = ROUTES.filter((r) => r.permission !== "public");
const key = (r: RouteEntry) => `${r.method} ${r.path}`;

async function callRoute(route: RouteEntry, cookie: string | undefined): Promise<{ status: number; body: { error?: { code: string } } }> {
  const sample = ROUTE_SAMPLES[key(route)]();
  const mod = await import(path.join(ROOT, route.file));
  // From the same address as the actions: a permission checked by a route and an action shares one denial entry per hour.
  const req = apiRequest(sample.url, { method: route.method, body: sample.body, cookie, headers: { "x-hindsight-client-ip": "203.0.113.7" } });
  const res: Response = await mod[route.method](req, { params: Promise.resolve(sample.params) });
  // An event stream never ends by itself: its first frame shows it was granted.
  if (res.headers.get("content-type")?.includes("text/event-stream")) {
    await res.body?.cancel();
    return { status: res.status, body: {} };
  }
  const text = await res.text();
  // /api/metrics answers in the Prometheus text format; every refusal is JSON.
  const json = res.headers.get("content-type")?.includes("application/json");
  return { status: res.status, body: text && json ? JSON.parse(text) : {} };
}

async function callAction(action: ActionEntry, cookie: string): Promise<ActionResult<unknown>> {
  const input = await ACTION_SAMPLES[action.name]();
  request.cookie = cookie;
  request.headers = new Headers({ "x-hindsight-client-ip": "203.0.113.7", "user-agent": "matrix-test" });
  try {
    const mod = await import(path.join(ROOT, action.file));
    return input === undefined ? await mod[action.name]() : await mod[action.name](null, input);
  } finally {
    request.cookie = "";
  }
}

async function denialAudited(user: User, permission: string): Promise<{ entries: number; counted: number }> {
  const pool = getPool();
  const audit = await pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_log WHERE action = 'permission.denied' AND actor_id = $1 AND details->>'permission' = $2",
    [user.id, permission],
  );
  const counted = await pool.query<{ n: number }>("SELECT coalesce(sum(count), 0)::int AS n FROM permission_denials WHERE actor_id = $1 AND permission = $2", [user.id, permission]);
  return { entries: audit.rows[0].n, counted: counted.rows[0].n };
}

it("has a sample for every registered route and action", () => {
  expect(Object.keys(ROUTE_SAMPLES).sort()).toEqual(publicRoutes.map(key).sort());
  expect(Object.keys(ACTION_SAMPLES).sort()).toEqual(ACTIONS.map((a) => a.name).sort());
});

describe.each(ROLES)("as %s", (role: Role) => {
  let user: User;
  let cookie: string;
  beforeAll(async () => {
    user = (await seedUser({ role })).user;
    cookie = await sessionCookie(user);
  });

  for (const route of publicRoutes) {
    const allowed = ROLE_PERMISSIONS[role].includes(route.permission as never);
    it(`${key(route)} (${route.permission}) → ${allowed ? "works" : "403, audited"}`, async () => {
      const before = await denialAudited(user, route.permission);
      const res = await callRoute(route, cookie);
      if (allowed) {
        expect(res.status, JSON.stringify(res.body)).toBe(ROUTE_SAMPLES[key(route)]().expect);
        expect((await denialAudited(user, route.permission)).counted).toBe(before.counted);
        return;
      }
      expect(res.status).toBe(403);
      expect(res.body.error?.code).toBe("forbidden");
      const after = await denialAudited(user, route.permission);
      expect(after.entries).toBe(1); // one audit entry per actor, permission and hour…
      expect(after.counted).toBe(before.counted + 1); // …and every attempt counted
    });
  }

  for (const action of ACTIONS) {
    const allowed = ROLE_PERMISSIONS[role].includes(action.permission);
    it(`action ${action.name} (${action.permission}) → ${allowed ? "works" : "403, audited"}`, async () => {
      const before = await denialAudited(user, action.permission);
      const result = await callAction(action, cookie);
      if (action.name === "signOutEverywhereAction") {
        // It ended this user's sessions: the next samples need a new one.
        user = (await findUserById(user.id))!;
        cookie = await sessionCookie(user);
      }
      if (allowed) {
        expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
        return;
      }
      expect(result).toMatchObject({ ok: false, status: 403, code: "forbidden" });
      const after = await denialAudited(user, action.permission);
      expect(after.entries).toBe(1);
      expect(after.counted).toBe(before.counted + 1);
      const { rows } = await getPool().query<{ ip: string }>(
        "SELECT ip FROM audit_log WHERE action = 'permission.denied' AND actor_id = $1 AND details->>'permission' = $2",
        [user.id, action.permission],
      );
      expect(rows[0].ip).toBe("203.0.113.7");
    });
  }
});

describe("signed out", () => {
  for (const route of publicRoutes) {
    it(`${key(route)} → 401 unauthenticated`, async () => {
      const res = await callRoute(route, undefined);
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe("unauthenticated");
    });
  }
  for (const action of ACTIONS) {
    it(`action ${action.name} → 401`, async () => {
      expect(await callAction(action, "")).toMatchObject({ ok: false, status: 401, code: "unauthenticated" });
    });
  }
});
