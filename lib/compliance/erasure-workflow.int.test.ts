import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { apiRequest, createTestToken, seedUser } from "../testing/auth-fixtures";
import { refusalOf, unique } from "../testing/expectations";
import { approveErasure, rejectErasure } from "./approve-erasure";
import { erasureDeadlineKind } from "./alert-kinds";
import { createErasureRequest } from "./create-erasure-request";
import { getErasureRequest } from "./erasure-request";
import { executeErasure } from "./execute-erasure";
import { exportSubjectData } from "./export-subject-data";
import { extendDeadline } from "./extend-deadline";
import { createLegalHold, releaseLegalHold } from "./legal-holds";
import { recheckHolds } from "./recheck-holds";
import { openKnownValues } from "./request-secrets";
import { handleErasureSweep } from "../jobs/erasure-jobs";
import { GET as listRoute, POST as createRoute } from "../../app/api/v1/erasure-requests/route";
import { GET as oneRoute } from "../../app/api/v1/erasure-requests/[id]/route";
import { GET as exportRoute } from "../../app/api/v1/subjects/[subjectId]/export/route";
import { RULE_KINDS } from "../alerts/rule-kinds";
import { digestOtherRows } from "./store-digest";

// The erasure workflow around the shredding itself: holds, four eyes, deadlines, the API and subject access.

async function givenUser() {
  const id = `u${unique()}`;
  const email = `bea.${id}@example.org`;
  await appendToStream({ streamId: `user-${id}`, events: [{ type: "UserRegistered", data: { userId: id, email, name: `Bea ${id}`, country: "FR" } }] });
  return { id, email, streamId: `user-${id}` };
}

const actor = async () => {
  const u = (await seedUser({ role: "compliance" })).user;
  return { id: u.id, label: u.email };
};

describe("legal holds", () => {
  it("given a hold on the subject, the request is blocked with the hold; approval is refused; the release sends it to approval", async () => {
    const u = await givenUser();
    const [clara, chidi] = [await actor(), await actor()];
    const hold = await createLegalHold({ scope: "subject", target: u.id, reason: "litigation", actor: clara });
    const r = await createErasureRequest({ subjectId: u.id, reason: "asked to be forgotten", actor: clara });
    expect(r.status).toBe("blocked_by_hold");
    expect(r.blockingHolds).toEqual([hold.id]);
    expect(r.discovery!.holds.map((h) => h.reason)).toEqual(["litigation"]);
    expect((await refusalOf(approveErasure({ requestId: r.id, actor: chidi }))).code).toBe("conflict");

    await releaseLegalHold({ holdId: hold.id, reason: "case closed", actor: chidi });
    expect((await getErasureRequest(r.id))!.status).toBe("awaiting_approval");
    const audit = await getPool().query<{ action: string }>("SELECT action FROM audit_log WHERE details->>'holdId' = $1 ORDER BY id", [hold.id]);
    expect(audit.rows.map((a) => a.action)).toEqual(["legal_hold.created", "legal_hold.released"]);
  });

  it("given a hold on one of the subject's streams, or its category, the request is blocked too", async () => {
    const u = await givenUser();
    const clara = await actor();
    const hold = await createLegalHold({ scope: "stream", target: u.streamId, reason: "audit of this account", actor: clara });
    expect((await createErasureRequest({ subjectId: u.id, reason: "forget me", actor: clara })).status).toBe("blocked_by_hold");
    await releaseLegalHold({ holdId: hold.id, reason: "done", actor: clara });
  });

  it("given a hold placed after approval, the execution job does not destroy the key and the request waits for the release", async () => {
    const u = await givenUser();
    const [clara, chidi] = [await actor(), await actor()];
    const r = await createErasureRequest({ subjectId: u.id, reason: "forget me", actor: clara });
    await approveErasure({ requestId: r.id, actor: chidi });
    // Placed straight in the table, as another process might, so only the job's own check stands in the way.
    await getPool().query("INSERT INTO legal_holds (scope, target, reason, created_by) VALUES ('subject', $1, 'late hold', 'someone')", [u.id]);
    const run = await executeErasure({ requestId: r.id, skipBaseline: true });
    expect(run.outcome).toBe("blocked");
    expect(run.request.status).toBe("blocked_by_hold");
    const key = await getPool().query("SELECT status FROM subject_keys WHERE subject_id = $1", [u.id]);
    expect(key.rows[0].status).toBe("active");
  });

  it("given a hold that expires, the periodic sweep moves the blocked request on with nobody acting", async () => {
    const u = await givenUser();
    const clara = await actor();
    const hold = await createLegalHold({ scope: "subject", target: u.id, reason: "short hold", expiresAt: new Date(Date.now() + 3_600_000).toISOString(), actor: clara });
    const r = await createErasureRequest({ subjectId: u.id, reason: "forget me", actor: clara });
    expect(r.status).toBe("blocked_by_hold");
    await getPool().query("UPDATE legal_holds SET expires_at = now() - interval '1 second' WHERE id = $1", [hold.id]);
    const swept = await handleErasureSweep();
    expect(swept.released).toBeGreaterThanOrEqual(1);
    const after = (await getErasureRequest(r.id))!;
    expect(after.status).toBe("awaiting_approval");
    expect(after.history.at(-1)).toMatchObject({ from: "blocked_by_hold", to: "awaiting_approval", by: "erasure sweep" });
    expect((await recheckHolds()).released).not.toContain(r.id);
  });
});

describe("four eyes, rejection and deadlines", () => {
  it("refuses self-approval on the server and accepts a second compliance user", async () => {
    const u = await givenUser();
    const [clara, chidi] = [await actor(), await actor()];
    const r = await createErasureRequest({ subjectId: u.id, reason: "forget me", actor: clara });
    const refused = await refusalOf(approveErasure({ requestId: r.id, actor: clara }));
    expect(refused.code).toBe("forbidden");
    expect(refused.details).toMatchObject({ reason: "self_approval" });
    const approved = await approveErasure({ requestId: r.id, actor: chidi });
    expect(approved).toMatchObject({ status: "approved", approvedBy: chidi.id, approvedByLabel: chidi.label });
    expect((await refusalOf(approveErasure({ requestId: r.id, actor: chidi }))).code).toBe("conflict");
  });

  it("keeps known values sealed under the request key until rejection destroys it", async () => {
    const u = await givenUser();
    const clara = await actor();
    const r = await createErasureRequest({ subjectId: u.id, reason: "forget me", knownValues: [u.email], actor: clara });
    const row = await getPool().query<{ s: Buffer; k: Buffer; t: string }>("SELECT known_values_sealed AS s, request_key_wrapped AS k, e::text AS t FROM erasure_requests e WHERE id = $1", [r.id]);
    expect(row.rows[0].t).not.toContain(u.email);
    expect(openKnownValues(r.id, row.rows[0].s, row.rows[0].k)).toEqual([u.email]);
    // Bound to its request: under another request's id the key does not unwrap.
    const otherId = `${r.id.slice(0, -1)}${r.id.endsWith("0") ? "1" : "0"}`;
    expect(() => openKnownValues(otherId, row.rows[0].s, row.rows[0].k)).toThrow();
    const rejected = await rejectErasure({ requestId: r.id, reason: "identity not confirmed", actor: clara });
    expect(rejected).toMatchObject({ status: "rejected", knownValuesHeld: false, rejectionReason: "identity not confirmed" });
  });

  it("is due 30 days after receipt, extendable with a recorded reason, and the deadline alert finds it", async () => {
    const u = await givenUser();
    const clara = await actor();
    const r = await createErasureRequest({ subjectId: u.id, reason: "forget me", actor: clara });
    expect(Date.parse(r.dueAt) - Date.parse(r.receivedAt)).toBe(30 * 86_400_000);
    const extended = await extendDeadline({ requestId: r.id, days: 14, reason: "complex request", actor: clara });
    expect(Date.parse(extended.dueAt) - Date.parse(r.dueAt)).toBe(14 * 86_400_000);
    expect(extended.extensions).toMatchObject([{ days: 14, reason: "complex request", byLabel: clara.label }]);
    const audit = await getPool().query("SELECT details FROM audit_log WHERE action = 'erasure.deadline_extended' AND target = $1", [`erasure-request:${r.id}`]);
    expect(audit.rows[0].details).toMatchObject({ days: 14, reason: "complex request" });

    expect(RULE_KINDS).toContain(erasureDeadlineKind);
    const params = erasureDeadlineKind.params.parse({ withinDays: "3" });
    const db = getPool();
    const key = `erasure-request:${r.id}`;
    const now = Date.parse(extended.dueAt);
    expect((await erasureDeadlineKind.evaluate({ db, now: new Date(now - 10 * 86_400_000), params })).map((f) => f.key)).not.toContain(key);
    const soon = await erasureDeadlineKind.evaluate({ db, now: new Date(now - 2 * 86_400_000), params });
    expect(soon.find((f) => f.key === key)).toMatchObject({ summary: `erasure of ${u.id} due in 2 day(s) (awaiting approval)`, href: `/compliance/requests/${r.id}` });
    const late = await erasureDeadlineKind.evaluate({ db, now: new Date(now + 86_400_000 + 1000), params });
    expect(late.find((f) => f.key === key)?.summary).toContain("overdue by 2 day(s)");
    await rejectErasure({ requestId: r.id, reason: "withdrawn", actor: clara });
    expect((await erasureDeadlineKind.evaluate({ db, now: new Date(now), params })).map((f) => f.key)).not.toContain(key);
    expect(erasureDeadlineKind.describe(params)).toBe("an erasure request due within 3 days");
  });
});

describe("the API and subject access", () => {
  it("creates over POST, lists newest first with a next cursor, and reads one request", async () => {
    const { token } = await createTestToken({ scopes: ["erasure:write"], ownerRole: "compliance" });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const u = await givenUser();
      const res = await createRoute(apiRequest("/api/v1/erasure-requests", { method: "POST", token, body: { subjectId: u.id, reason: `api ${i}`, knownValues: [u.email] } }), { params: Promise.resolve({}) });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body).toMatchObject({ subjectId: u.id, status: "awaiting_approval", discovery: { events: 1, streams: 1 } });
      expect(JSON.stringify(body)).not.toContain(u.email);
      ids.push(body.id);
    }
    const first = await (await listRoute(apiRequest("/api/v1/erasure-requests?limit=2", { token }), { params: Promise.resolve({}) })).json();
    expect(first.requests.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    expect(first.requests[0]).toHaveProperty("dueAt");
    const second = await (await listRoute(apiRequest(`/api/v1/erasure-requests?limit=2&after=${first.next}`, { token }), { params: Promise.resolve({}) })).json();
    expect(second.requests[0].id).toBe(ids[0]);
    const bad = await listRoute(apiRequest("/api/v1/erasure-requests?after=nonsense", { token }), { params: Promise.resolve({}) });
    expect(bad.status).toBe(400);
    const one = await oneRoute(apiRequest(`/api/v1/erasure-requests/${ids[1]}`, { token }), { params: Promise.resolve({ id: ids[1] }) });
    expect((await one.json()).id).toBe(ids[1]);
    const missing = await oneRoute(apiRequest("/api/v1/erasure-requests/nope", { token }), { params: Promise.resolve({ id: "nope" }) });
    expect(missing.status).toBe(404);
  });

  it("exports everything about a subject in clear, audited; a token without pii:read is refused", async () => {
    const u = await givenUser();
    await appendToStream({ streamId: `profile-${u.id}`, events: [{ type: "ProfileUpdated", data: { userId: u.id, displayName: "Bea B." } }] });
    const clara = await actor();
    const doc = await exportSubjectData({ subjectId: u.id, actor: clara });
    expect(doc.streams.sort()).toEqual([`profile-${u.id}`, u.streamId]);
    expect(doc.events.map((e) => e.data)).toEqual([
      { userId: u.id, email: u.email, name: `Bea ${u.id}`, country: "FR" },
      { userId: u.id, displayName: "Bea B." },
    ]);
    const audit = await getPool().query("SELECT details FROM audit_log WHERE action = 'subject.access_exported' AND target = $1", [`subject:${u.id}`]);
    expect(audit.rows[0].details).toEqual({ subjectId: u.id, events: 2, streams: 2, snapshots: 0 });

    const noPii = await createTestToken({ scopes: ["erasure:write"], ownerRole: "compliance" });
    const refused = await exportRoute(apiRequest(`/api/v1/subjects/${u.id}/export`, { token: noPii.token }), { params: Promise.resolve({ subjectId: u.id }) });
    expect(refused.status).toBe(403);
    const both = await createTestToken({ scopes: ["erasure:write", "pii:read"], ownerRole: "compliance" });
    const ok = await exportRoute(apiRequest(`/api/v1/subjects/${u.id}/export`, { token: both.token }), { params: Promise.resolve({ subjectId: u.id }) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toContain("attachment");
    expect((await ok.json()).events).toHaveLength(2);
  });
});

describe("the digest of other subjects' rows", () => {
  it("covers exactly the rows visible when it starts, even while another transaction holds the cluster's xmin back", async () => {
    const held = await getPool().connect();
    await held.query("BEGIN");
    await held.query("SELECT pg_current_xact_id()");
    try {
      await givenUser();
      const before = await digestOtherRows({ db: getPool(), subjectId: "nobody" });
      const { rows } = await getPool().query<{ n: number }>("SELECT count(*)::int AS n FROM events");
      expect(before.events).toBe(rows[0].n);
      await givenUser(); // committed after the cut: not part of the comparison
      expect(await digestOtherRows({ db: getPool(), subjectId: "nobody", cut: before })).toEqual(before);
      await getPool().query("UPDATE events SET metadata = coalesce(metadata, '{}') || '{\"tampered\": true}' WHERE global_position = (SELECT min(global_position) FROM events)");
      expect((await digestOtherRows({ db: getPool(), subjectId: "nobody", cut: before })).digest).not.toBe(before.digest);
    } finally {
      await held.query("ROLLBACK");
      held.release();
    }
  });
});
