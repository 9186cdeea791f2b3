import { describe, expect, it } from "vitest";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { buildInline } from "../projections/build-inline";
import { viewRowStates } from "../projections/row-view";
import { startRebuild } from "../projections/start-rebuild";
import { appendToStream, type NewEvent } from "../store/append-to-stream";
import { readStream } from "../store/read-stream";
import { getStateAt } from "../stream-state/get-state-at";
import { takeSnapshots } from "../snapshots/take-snapshots";
import { ERASED } from "../schema/pii";
import { apiRequest, createTestToken, seedUser } from "../testing/auth-fixtures";
import { refusalOf, unique } from "../testing/expectations";
import { approveErasure } from "./approve-erasure";
import { createErasureRequest } from "./create-erasure-request";
import { buildCertificate } from "./erasure-certificate";
import { executeErasure } from "./execute-erasure";
import { knownValueHash } from "./request-secrets";
import { verifyErasure } from "./verify-erasure";
import { GET as getStreamEvents, POST as postStreamEvents } from "../../app/api/v1/streams/[streamId]/events/route";
import { GET as getStreamState } from "../../app/api/v1/streams/[streamId]/state/route";

// The must-show of issue #8: a subject with thousands of events is erased; every read path shows
// [erased] for it, everyone else's rows are byte-for-byte what they were, and its PII is refused.

const person = (id: string) => ({ userId: id, email: `ann.${id}@example.org`, name: `Ann Example ${id}` });

function userHistory(id: string, n: number): NewEvent[] {
  const p = person(id);
  const events: NewEvent[] = [{ type: "UserRegistered", data: { ...p, country: "DE" } }];
  for (let i = 1; i < n; i++) {
    events.push(i % 2 ? { type: "UserUpdated", data: { userId: id, email: p.email, source: `s${i}` } } : { type: "UserUpdated", data: { userId: id, name: p.name, source: `s${i}` } });
  }
  return events;
}

async function appendAll(streamId: string, events: NewEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) await appendToStream({ streamId, events: events.slice(i, i + 1000) });
}

/** Every event row and snapshot row not belonging to the subject's streams, as PostgreSQL prints it. */
async function otherRows(streams: string[]): Promise<{ events: string[]; snapshots: string[] }> {
  const events = await getPool().query<{ t: string }>("SELECT e::text AS t FROM events e WHERE NOT (stream_id = ANY($1::text[])) ORDER BY global_position", [streams]);
  const snapshots = await getPool().query<{ t: string }>(
    "SELECT s::text AS t FROM snapshots s WHERE NOT (stream_id = ANY($1::text[])) ORDER BY stream_id, stream_version",
    [streams],
  );
  return { events: events.rows.map((r) => r.t), snapshots: snapshots.rows.map((r) => r.t) };
}

/** Every projection row of every other key, as PostgreSQL prints it. */
async function otherProjectionRows(subjectId: string): Promise<string[]> {
  const { rows } = await getPool().query<{ t: string }>("SELECT r::text AS t FROM projection_rows r WHERE key <> $1 ORDER BY version_id, key", [subjectId]);
  return rows.map((r) => r.t);
}

describe("erasing a subject with thousands of events", () => {
  it("shows [erased] on every read path, leaves everyone else byte for byte, and refuses the subject's PII afterwards", async () => {
    const a = `u${unique()}`;
    const others = [`u${unique()}`, `u${unique()}`];
    const aStreams = [`user-${a}`, `profile-${a}`];
    await appendAll(`user-${a}`, userHistory(a, 3000));
    await appendAll(`profile-${a}`, Array.from({ length: 1000 }, (_, i) => ({ type: "ProfileUpdated", data: { userId: a, displayName: `Ann E. ${i}` } })));
    for (const o of others) {
      await appendAll(`user-${o}`, userHistory(o, 700));
      await appendAll(`profile-${o}`, [{ type: "ProfileUpdated", data: { userId: o, displayName: `Other ${o}` } }]);
    }
    await appendToStream({ streamId: `order-${unique()}`, events: [{ type: "OrderNoted", data: { note: "no personal data" } }] });
    await getPool().query("INSERT INTO snapshot_policies (category, every_n_events) VALUES ('user', 500), ('profile', 250) ON CONFLICT (category) DO UPDATE SET every_n_events = EXCLUDED.every_n_events");
    await takeSnapshots({ category: "user" });
    await takeSnapshots({ category: "profile" });
    const aSnapshots = await getPool().query<{ n: number }>("SELECT count(*)::int AS n FROM snapshots WHERE stream_id = ANY($1::text[])", [aStreams]);
    expect(aSnapshots.rows[0].n).toBe(6 + 4);

    // The user directory holds a row for each person, the subject's with its envelopes.
    const { versionId: directory } = await startRebuild({ name: "user-directory", codeVersion: 1, partitions: 1, actor: systemActor("test") });
    await buildInline(directory);
    const subjectRow = async () => (await getPool().query<{ state: Record<string, unknown> }>("SELECT state FROM projection_rows WHERE version_id = $1 AND key = $2", [directory, a])).rows[0].state;
    expect(await viewRowStates([await subjectRow()], "clear")).toEqual([
      { userId: a, email: person(a).email, name: person(a).name, displayName: "Ann E. 999", country: "DE", bio: null, updates: 3999 },
    ]);

    const before = await otherRows(aStreams);
    expect(before.events.length).toBe(2 * 701 + 1);
    expect(before.snapshots.length).toBe(2);
    const beforeRows = await otherProjectionRows(a);
    expect(beforeRows).toHaveLength(2);

    // Request, discovery, four eyes.
    const requester = (await seedUser({ role: "compliance" })).user;
    const approver = (await seedUser({ role: "compliance" })).user;
    const actorOf = (u: typeof requester) => ({ id: u.id, label: u.email });
    const request = await createErasureRequest({ subjectId: a, reason: "Art. 17 request", knownValues: [person(a).email], actor: actorOf(requester) });
    expect(request.status).toBe("awaiting_approval");
    expect(request.discovery).toMatchObject({ events: 4000, streams: 2, snapshots: 10, holds: [] });
    expect(request.discovery!.holdings.filter((h) => h.source === "events").map((h) => [h.label, h.count])).toEqual([
      ["profile / ProfileUpdated", 1000],
      ["user / UserRegistered", 1],
      ["user / UserUpdated", 2999],
    ]);
    expect(request.discovery!.holdings.filter((h) => h.source === "projection rows").map((h) => [h.label, h.count])).toEqual([[`user-directory v1 (#${directory})`, 1]]);
    const self = await refusalOf(approveErasure({ requestId: request.id, actor: actorOf(requester) }));
    expect(self.code).toBe("forbidden");
    await approveErasure({ requestId: request.id, actor: actorOf(approver) });

    // Execution (twice: pg-boss delivers at least once) and verification.
    const executed = await executeErasure({ requestId: request.id });
    expect(executed.outcome).toBe("executed");
    expect((await executeErasure({ requestId: request.id })).outcome).toBe("already_done");
    expect(executed.request.execution).toMatchObject({ snapshotsPurged: 10 });
    expect(executed.request.execution!.hooks.map((h) => [h.name, h.summary])).toEqual([["refresh projection rows", "projection rows refreshed: 1 key(s) in 1 version(s)"]]);
    const verified = await verifyErasure({ requestId: request.id });
    expect(verified.request.failure).toBeNull();
    expect(verified.outcome).toBe("completed");
    const v = verified.request.verification!;
    expect(v.keyDestroyed).toBe(true);
    expect(v.envelopes.find((e) => e.source === "events")).toEqual({ source: "events", envelopes: 2 + 2999 + 1000, decryptable: 0 });
    expect(v.plaintext.find((p) => p.source === "events")).toMatchObject({ scanned: 4000 + 2 * 701 + 1, hits: [] });
    expect(v.envelopes.find((e) => e.source === "projection rows")).toEqual({ source: "projection rows", envelopes: 3, decryptable: 0 });
    expect(v.plaintext.find((p) => p.source === "projection rows")).toEqual({ source: "projection rows", scanned: 3, hits: [] });
    expect(v.othersUnchanged).toMatchObject({ passed: true, before: { events: 2 * 701 + 1, snapshots: 2 } });
    expect(v.auditChain?.ok).toBe(true);

    // Every read path: the API, the stream page's reads, time travel (folded and from a snapshot), snapshots.
    const { token } = await createTestToken({ scopes: ["events:read", "pii:read", "events:append"] });
    const res = await getStreamEvents(apiRequest(`/api/v1/streams/user-${a}/events?limit=1000`, { token }), { params: Promise.resolve({ streamId: `user-${a}` }) });
    const page = (await res.json()) as { events: { data: Record<string, unknown> }[] };
    expect(page.events).toHaveLength(1000);
    for (const e of page.events) {
      if ("email" in e.data) expect(e.data.email).toBe(ERASED);
      if ("name" in e.data) expect(e.data.name).toBe(ERASED);
    }
    for (const streamId of aStreams) {
      for (let from = 1; ; from += 1000) {
        const read = await readStream({ streamId, fromVersion: from, limit: 1000, pii: "clear" });
        for (const e of read.events) for (const f of ["email", "name", "displayName"]) if (f in e.data) expect(e.data[f], `${streamId}@${e.streamVersion}.${f}`).toBe(ERASED);
        if (!read.next) break;
      }
    }
    const folded = await getStateAt({ streamId: `user-${a}`, target: { version: 2999 }, useSnapshots: false, pii: "clear" });
    expect(folded.state).toMatchObject({ userId: a, email: ERASED, name: ERASED, country: "DE" });
    const stateRes = await getStreamState(apiRequest(`/api/v1/streams/user-${a}/state?version=1`, { token }), { params: Promise.resolve({ streamId: `user-${a}` }) });
    expect(((await stateRes.json()) as { state: Record<string, unknown> }).state).toMatchObject({ email: ERASED, name: ERASED });
    // The purged snapshots are folded again by the snapshot job; they can only hold dead envelopes.
    await takeSnapshots({ category: "user" });
    const fromSnapshot = await getStateAt({ streamId: `user-${a}`, target: { version: 2600 }, pii: "clear" });
    expect(fromSnapshot.fromSnapshotVersion).toBe(2500);
    expect(fromSnapshot.state).toMatchObject({ email: ERASED, name: ERASED });
    const other = await getStateAt({ streamId: `user-${others[0]}`, target: { version: 700 }, pii: "clear" });
    expect(other.state).toMatchObject({ email: person(others[0]).email, name: person(others[0]).name });

    // Projections: the subject's directory row, as the diff API and views render it, for a caller with pii.read.
    expect(await viewRowStates([await subjectRow()], "clear")).toEqual([
      { userId: a, email: ERASED, name: ERASED, displayName: ERASED, country: "DE", bio: null, updates: 3999 },
    ]);

    // Everyone else, byte for byte (the re-taken snapshots are the subject's own streams only).
    const after = await otherRows(aStreams);
    expect(after.events).toEqual(before.events);
    expect(after.snapshots).toEqual(before.snapshots);
    expect(await otherProjectionRows(a)).toEqual(beforeRows);

    // New PII for the erased subject is refused, in the store and over HTTP.
    const refused = await refusalOf(appendToStream({ streamId: `user-${a}`, events: [{ type: "UserUpdated", data: { userId: a, email: person(a).email } }] }));
    expect(refused.code).toBe("subject_erased");
    const post = await postStreamEvents(
      apiRequest(`/api/v1/streams/user-${a}/events`, { method: "POST", token, body: { events: [{ type: "UserRegistered", data: { ...person(a), country: "DE" } }] } }),
      { params: Promise.resolve({ streamId: `user-${a}` }) },
    );
    expect(post.status).toBe(422);
    expect(((await post.json()) as { error: { code: string } }).error.code).toBe("subject_erased");

    // Key hygiene: the request keeps hashes only; nothing recorded the plaintext.
    const row = await getPool().query("SELECT known_values_sealed, request_key_wrapped, known_value_hashes FROM erasure_requests WHERE id = $1", [request.id]);
    expect(row.rows[0]).toEqual({ known_values_sealed: null, request_key_wrapped: null, known_value_hashes: [knownValueHash(person(a).email)] });
    const audit = await getPool().query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE strpos(lower(details::text), $1) > 0", [person(a).email.toLowerCase()]);
    expect(audit.rows[0].n).toBe(0);
    const transitions = await getPool().query<{ action: string }>("SELECT action FROM audit_log WHERE target = $1 ORDER BY id", [`erasure-request:${request.id}`]);
    expect(transitions.rows.map((r) => r.action)).toEqual(["erasure.received", "erasure.discovering", "erasure.awaiting_approval", "erasure.approved", "erasure.executing", "erasure.verifying", "erasure.completed"]);

    const cert = buildCertificate(verified.request);
    expect(cert.final).toBe(true);
    expect(cert.request.knownValueHashes).toEqual([`sha256:${knownValueHash(person(a).email)}`]);
    expect(JSON.stringify(cert)).not.toContain(person(a).email);
    expect(cert.approvals.map((x) => x.by)).toEqual([requester.email, approver.email]);
    expect(cert.backups.retentionDays).toBe(35);
  });
});
