import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { readStream } from "../store/read-stream";
import { createTestToken, apiRequest } from "../testing/auth-fixtures";
import { refusalOf, unique } from "../testing/expectations";
import { randomHistory, Seeded } from "../testing/random-streams";
import { getStateAt } from "../stream-state/get-state-at";
import { getStreamDiff } from "../stream-state/get-stream-diff";
import { filesystemStore } from "./archive-store";
import { coldPrefix } from "./object-keys";
import { listArchivePolicies, saveArchivePolicy } from "./archive-policies";
import { archiveErasureScanner } from "./erasure-scanner";
import { readArchivedRows } from "./read-archived";
import { forgetCachedKeys } from "../schema/subject-keys";
import { runArchivePolicy } from "./run-archive-policy";
import { streamArchivedEvents } from "./stream-archived-events";
import { GET as getEvents } from "@/app/api/v1/streams/[streamId]/events/route";
import { setEnv } from "../env";
import { failingAt } from "../testing/archive-faults";

// Archiving (issue #9) against a real PostgreSQL and a real directory: a round trip through every
// read path, byte-equal; crashes at each step of a segment lose and duplicate nothing; legal holds
// keep their events hot; archived ids stay taken.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-archive-"));
setEnv({ HINDSIGHT_ARCHIVE_DIR: dir });
const store = filesystemStore(dir);
const actor = systemActor("test");
const OLD = 40; // events per stream recorded 20 days ago
const NEW = 5; // and recently

async function seedCategory(category: "user" | "order" | "ticker", streams: number, seed: number, prefix: string = category): Promise<string[]> {
  const rng = new Seeded(seed);
  const ids: string[] = [];
  const start = Date.now() - 20 * 86_400_000;
  for (let s = 0; s < streams; s++) {
    const id = `a${unique()}`;
    const streamId = `${prefix}-${id}`;
    const events = randomHistory(rng, category, id, OLD + NEW);
    await appendToStream({ streamId, events: events.slice(0, OLD), recordedAt: events.slice(0, OLD).map((_, i) => new Date(start + i * 60_000).toISOString()) });
    await appendToStream({ streamId, events: events.slice(OLD) });
    ids.push(streamId);
  }
  return ids;
}

// A diff folds from whatever snapshot is nearest, which archiving adds: compare what it shows.
function diffOf(d: Awaited<ReturnType<typeof getStreamDiff>>): string {
  return JSON.stringify({ from: d.from.state, to: d.to.state, changes: d.changes, events: d.events, eventCount: d.eventCount, next: d.next });
}

async function hotCount(streamId: string): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE stream_id = $1", [streamId]);
  return rows[0].n;
}

async function apiBody(token: string, streamId: string, query: string): Promise<string> {
  const res = await getEvents(apiRequest(`/api/v1/streams/${streamId}/events?${query}`, { token }), { params: Promise.resolve({ streamId }) });
  expect(res.status).toBe(200);
  return res.text();
}

describe("round trip", () => {
  let streams: string[];
  let token: string;
  const before = new Map<string, { read: string; api: string; states: string[]; atTime: string; rows: string; diff: string }>();

  beforeAll(async () => {
    token = (await createTestToken({ scopes: ["events:read"] })).token;
    streams = await seedCategory("user", 3, 11);
    for (const streamId of streams) {
      const read = await readStream({ streamId, pii: "clear", limit: 1000 });
      const mid = read.events[OLD / 2 - 1];
      const states = [];
      for (const v of [1, 7, OLD / 2, OLD, OLD + NEW]) states.push(JSON.stringify(await getStateAt({ streamId, target: { version: v }, pii: "clear" })));
      const { rows } = await getPool().query("SELECT * FROM events WHERE stream_id = $1 AND stream_version <= $2 ORDER BY stream_version", [streamId, OLD]);
      before.set(streamId, {
        read: JSON.stringify(read.events),
        api: JSON.stringify(JSON.parse(await apiBody(token, streamId, "limit=1000")).events),
        states,
        atTime: JSON.stringify(await getStateAt({ streamId, target: { at: mid.recordedAt }, pii: "masked" })),
        diff: diffOf(await getStreamDiff({ streamId, from: { version: 5 }, to: { version: OLD + 2 }, pii: "clear" })),
        rows: JSON.stringify(rows.map(({ tx_id, ...r }) => ({ ...r, tx_id: String(tx_id) }))),
      });
    }
    await saveArchivePolicy({ category: "user", olderThanDays: 10, historyOnly: false, enabled: true, actor });
  });

  it("moves the old events out of the hot table, behind a snapshot, and keeps the stream's version", async () => {
    const result = await runArchivePolicy({ category: "user", store, segmentEvents: 50 });
    expect(result).toMatchObject({ status: "succeeded", events: OLD * streams.length, heldBack: 0 });
    expect(result.segments).toBe(Math.ceil((OLD * streams.length) / 50));
    for (const streamId of streams) {
      expect(await hotCount(streamId)).toBe(NEW);
      const { rows } = await getPool().query("SELECT version, archived_through, event_count FROM streams WHERE stream_id = $1", [streamId]);
      expect(rows[0]).toEqual({ version: OLD + NEW, archived_through: OLD, event_count: OLD + NEW });
      const snap = await getPool().query("SELECT max(stream_version) AS v FROM snapshots WHERE stream_id = $1", [streamId]);
      expect(snap.rows[0].v).toBe(OLD);
    }
    const files = fs.readdirSync(path.join(dir, coldPrefix("user")));
    expect(files.filter((f) => f.endsWith(".ndjson.gz"))).toHaveLength(result.segments);
    expect(files.filter((f) => f.endsWith(".manifest.json"))).toHaveLength(result.segments);
  });

  it("reads back byte-equal through readStream, the events API, time travel and the rebuild reader", async () => {
    for (const streamId of streams) {
      const was = before.get(streamId)!;
      const hotOnly = await readStream({ streamId, pii: "clear", limit: 1000 });
      expect(hotOnly.events).toHaveLength(NEW);
      expect(hotOnly.archivedThrough).toBe(OLD);

      const read = await readStream({ streamId, pii: "clear", limit: 1000, includeArchived: true });
      expect(JSON.stringify(read.events)).toBe(was.read);
      expect(read.cold?.events).toBe(OLD);
      // Paging across the boundary, forward and backward, gives the same events.
      const pages = [];
      for (let from: number | null = 1; from !== null; ) {
        const page: Awaited<ReturnType<typeof readStream>> = await readStream({ streamId, pii: "clear", limit: 7, fromVersion: from, includeArchived: true });
        pages.push(...page.events);
        from = page.next;
      }
      expect(JSON.stringify(pages)).toBe(was.read);
      const back = await readStream({ streamId, pii: "clear", limit: 1000, includeArchived: true, direction: "backward" });
      expect(JSON.stringify(back.events.reverse())).toBe(was.read);

      expect(JSON.stringify(JSON.parse(await apiBody(token, streamId, "limit=1000&includeArchived=true")).events)).toBe(was.api);

      const states = [];
      for (const v of [1, 7, OLD / 2, OLD, OLD + NEW]) states.push(JSON.stringify(await getStateAt({ streamId, target: { version: v }, pii: "clear" })));
      // Folds into the archived range start from the beginning (the old snapshots are the same as before).
      expect(states.map((s) => JSON.parse(s).state)).toEqual(was.states.map((s) => JSON.parse(s).state));
      expect(states.map((s) => JSON.parse(s).at)).toEqual(was.states.map((s) => JSON.parse(s).at));
      expect(JSON.stringify(await getStateAt({ streamId, target: { at: JSON.parse(was.atTime).at }, pii: "masked" }))).toBe(was.atTime);

      expect(diffOf(await getStreamDiff({ streamId, from: { version: 5 }, to: { version: OLD + 2 }, pii: "clear" }))).toBe(was.diff);

      const rebuilt = [];
      for await (const row of streamArchivedEvents({ streamId })) rebuilt.push(row);
      const stored = JSON.parse(was.rows) as Record<string, unknown>[];
      expect(rebuilt).toHaveLength(OLD);
      rebuilt.forEach((row, i) => {
        const s = stored[i];
        expect(row).toEqual({ ...s, recorded_at: row.recorded_at, global_position: Number(s.global_position) });
        expect(new Date(row.recorded_at).getTime()).toBe(new Date(s.recorded_at as string).getTime());
      });
    }
  });

  it("keeps archived event ids taken and their causation depth", async () => {
    const [row] = await readArchivedRows({ streamId: streams[0], fromVersion: 3, toVersion: 3 });
    const err = await refusalOf(appendToStream({ streamId: streams[0], events: [{ type: "Noted", data: {}, eventId: row.event_id }] }));
    expect(err.code).toBe("duplicate_event_id");
    expect(await hotCount(streams[0])).toBe(NEW);
    const caused = await appendToStream({ streamId: `note-${unique()}`, events: [{ type: "Noted", data: {}, causationId: row.event_id }] });
    const { rows } = await getPool().query("SELECT causation_depth FROM events WHERE event_id = $1", [caused.events[0].eventId]);
    expect(rows[0].causation_depth).toBe(row.causation_depth + 1);
  });

  it("reaches cold storage for erasure: archived envelopes stop decrypting when the key is destroyed, and segments hold no plaintext", async () => {
    const streamId = streams[2];
    const [first] = await readArchivedRows({ streamId, fromVersion: 1, toVersion: 1 });
    const subject = first.subjects![0];
    expect(subject).toBeTruthy();
    const clear = await readStream({ streamId, pii: "clear", limit: 1, includeArchived: true });
    const email = clear.events[0].data.email as string;
    expect(email).toContain("@example.org");
    const db = getPool();

    const found = await archiveErasureScanner.discover({ db, subjectId: subject });
    expect(found.reduce((n, h) => n + h.count, 0)).toBe((await readArchivedRows({ streamId })).filter((r) => r.subjects?.includes(subject)).length);
    const live = await archiveErasureScanner.checkEnvelopes({ db, subjectId: subject });
    expect(live.envelopes).toBeGreaterThan(0);
    expect(live.decryptable).toBe(live.envelopes);
    // The email is sealed in every segment; a value stored in clear (the type name) is found.
    expect((await archiveErasureScanner.scanPlaintext({ db, needles: [email] })).hits).toEqual([]);
    const visible = await archiveErasureScanner.scanPlaintext({ db, needles: ["UserRegistered"] });
    expect(visible.hits.length).toBeGreaterThan(0);
    expect(visible.scanned).toBeGreaterThanOrEqual(OLD * streams.length);

    await db.query("UPDATE subject_keys SET status = 'destroyed', wrapped_key = NULL, destroyed_at = now() WHERE subject_id = $1", [subject]);
    forgetCachedKeys(subject);
    const shredded = await archiveErasureScanner.checkEnvelopes({ db, subjectId: subject });
    expect(shredded).toEqual({ envelopes: live.envelopes, decryptable: 0 });
    const after = await readStream({ streamId, pii: "clear", limit: 1, includeArchived: true });
    expect(after.events[0].data.email).toBe("[erased]");
  });

  it("a second run finds nothing left to move", async () => {
    const again = await runArchivePolicy({ category: "user", store });
    expect(again).toMatchObject({ status: "succeeded", events: 0, segments: 0 });
    const policy = (await listArchivePolicies()).find((p) => p.category === "user")!;
    expect(policy).toMatchObject({ hotEvents: NEW * streams.length, archivedEvents: OLD * streams.length });
    const { rows } = await getPool().query<{ b: number; s: number }>("SELECT sum(bytes)::bigint AS b, sum(event_bytes)::bigint AS s FROM archive_segments WHERE category = 'user'");
    expect(policy).toMatchObject({ coldBytes: rows[0].b, archivedEventBytes: rows[0].s });
  });
});

describe("crash safety", () => {
  async function everyEventOnce(streams: string[]) {
    for (const streamId of streams) {
      const { rows } = await getPool().query<{ stream_version: number }>("SELECT stream_version FROM events WHERE stream_id = $1", [streamId]);
      const cold = await readArchivedRows({ streamId });
      const versions = [...rows.map((r) => r.stream_version), ...cold.map((r) => r.stream_version)].sort((a, b) => a - b);
      expect(versions).toEqual(Array.from({ length: OLD + NEW }, (_, i) => i + 1));
    }
  }

  for (const failAt of ["after-write", "after-verify", "before-commit"] as const) {
    it(`a run that dies ${failAt} loses nothing; the next run finishes and removes the orphan`, async () => {
      const category = `order${failAt.replace(/-/g, "")}`;
      const streams = await seedCategory("order", 2, failAt.length, category);
      await saveArchivePolicy({ category, olderThanDays: 10, historyOnly: true, enabled: true, actor });
      const failed = await runArchivePolicy({ category, store, faults: failingAt(failAt), segmentEvents: 30 });
      expect(failed.status).toBe("failed");
      expect(failed.error).toContain(failAt);
      expect(failed.events).toBe(0);
      for (const s of streams) expect(await hotCount(s)).toBe(OLD + NEW);
      const orphans = fs.readdirSync(path.join(dir, coldPrefix(category))).filter((f) => f.endsWith(".ndjson.gz"));
      expect(orphans).toHaveLength(1);
      await everyEventOnce(streams);

      const done = await runArchivePolicy({ category, store, segmentEvents: 30 });
      expect(done.status).toBe("succeeded");
      expect(done.orphans).toBe(1);
      for (const s of streams) expect(await hotCount(s)).toBe(NEW);
      await everyEventOnce(streams);
      const { rows } = await getPool().query<{ n: number }>(
        "SELECT count(*)::int AS n FROM archive_segments WHERE category = $1",
        [category],
      );
      const onDisk = fs.readdirSync(path.join(dir, coldPrefix(category))).filter((f) => f.endsWith(".ndjson.gz"));
      expect(onDisk).toHaveLength(rows[0].n);
    });
  }
});

describe("legal holds", () => {
  it("keeps held streams and subjects hot and seals copies under hold/<id>/", async () => {
    const streams = await seedCategory("ticker", 3, 5);
    const pool = getPool();
    const hold = await pool.query<{ id: string }>(
      "INSERT INTO legal_holds (scope, target, reason, created_by) VALUES ('stream', $1, 'litigation', 'test') RETURNING id",
      [streams[1]],
    );
    await saveArchivePolicy({ category: "ticker", olderThanDays: 10, historyOnly: true, enabled: true, actor });
    const result = await runArchivePolicy({ category: "ticker", store });
    expect(result).toMatchObject({ status: "succeeded", events: OLD * 2, heldBack: OLD });
    expect(await hotCount(streams[1])).toBe(OLD + NEW);
    const held = await pool.query("SELECT event_count, object_key FROM archive_segments WHERE kind = 'hold' AND hold_id = $1", [hold.rows[0].id]);
    expect(held.rows).toHaveLength(1);
    expect(held.rows[0].event_count).toBe(OLD + NEW);
    expect(held.rows[0].object_key).toMatch(new RegExp(`^hold/${hold.rows[0].id}/`));
    const copy = await readArchivedRows({ streamId: streams[1], kind: "hold" });
    const hot = await pool.query("SELECT event_id FROM events WHERE stream_id = $1 ORDER BY stream_version", [streams[1]]);
    expect(copy.map((r) => r.event_id)).toEqual(hot.rows.map((r) => r.event_id));

    await pool.query("UPDATE legal_holds SET released_at = now(), released_by = 'test' WHERE id = $1", [hold.rows[0].id]);
    const after = await runArchivePolicy({ category: "ticker", store });
    expect(after).toMatchObject({ status: "succeeded", events: OLD, heldBack: 0 });
  });
});

describe("subject holds", () => {
  it("keep a held subject's stream hot from its first event carrying the subject, and seal only that subject's events", async () => {
    const streams = await seedCategory("user", 2, 9, "userheld");
    const pool = getPool();
    const { rows: subj } = await pool.query<{ subjects: string[] }>("SELECT subjects FROM events WHERE stream_id = $1 AND subjects <> '{}' ORDER BY stream_version LIMIT 1", [streams[0]]);
    const subject = subj[0].subjects[0];
    const { rows: firstHeld } = await pool.query<{ v: number }>("SELECT min(stream_version) AS v FROM events WHERE stream_id = $1 AND subjects @> ARRAY[$2]", [streams[0], subject]);
    const hold = await pool.query<{ id: string }>("INSERT INTO legal_holds (scope, target, reason, created_by) VALUES ('subject', $1, 'claim', 'test') RETURNING id", [subject]);
    await saveArchivePolicy({ category: "userheld", olderThanDays: 10, historyOnly: true, enabled: true, actor });
    const run = await runArchivePolicy({ category: "userheld", store });
    const keptOld = OLD - (firstHeld[0].v - 1);
    expect(run).toMatchObject({ status: "succeeded", events: OLD + firstHeld[0].v - 1, heldBack: keptOld });
    expect(await hotCount(streams[0])).toBe(OLD + NEW - (firstHeld[0].v - 1));
    expect(await hotCount(streams[1])).toBe(NEW);
    const copy = await readArchivedRows({ streamId: streams[0], kind: "hold" });
    const { rows: held } = await pool.query<{ event_id: string }>("SELECT event_id FROM events WHERE stream_id = $1 AND subjects @> ARRAY[$2] ORDER BY stream_version", [streams[0], subject]);
    expect(copy.map((r) => r.event_id)).toEqual(held.map((r) => r.event_id));
    const { rows: segs } = await pool.query("SELECT count(*)::int AS n FROM archive_segments WHERE hold_id = $1", [hold.rows[0].id]);
    expect(segs[0].n).toBe(1);
  });
});

describe("a worker killed mid-run", () => {
  it("SIGKILLed between writing a verified segment and deleting the rows: the next run finds every event exactly once", async () => {
    const category = "orderkilled";
    const streams = await seedCategory("order", 3, 77, category);
    await saveArchivePolicy({ category, olderThanDays: 10, historyOnly: true, enabled: true, actor });
    const pauseFile = path.join(dir, "paused");
    // node itself with tsx as a loader (the tsx CLI would run the script in a grandchild the kill would miss).
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/testing/archive-child.ts", category, "50", "after-verify", pauseFile], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    for (let i = 0; i < 600 && !fs.existsSync(pauseFile); i++) await new Promise((r) => setTimeout(r, 100));
    expect(fs.existsSync(pauseFile), output).toBe(true);
    // The segment is written and verified, its row and the delete not yet committed.
    const written = fs.readdirSync(path.join(dir, coldPrefix(category))).filter((f) => f.endsWith(".ndjson.gz"));
    expect(written).toHaveLength(1);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    for (const s of streams) expect(await hotCount(s)).toBe(OLD + NEW);
    const { rows: stale } = await getPool().query("SELECT status FROM archive_runs WHERE category = $1", [category]);
    expect(stale).toEqual([{ status: "running" }]);

    // PostgreSQL ends the dead worker's session (and its advisory lock) once it notices the closed socket.
    let done = await runArchivePolicy({ category, store, segmentEvents: 50 });
    for (let i = 0; i < 100 && done.status === "skipped"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      done = await runArchivePolicy({ category, store, segmentEvents: 50 });
    }
    expect(done).toMatchObject({ status: "succeeded", events: OLD * streams.length, orphans: 1 });
    const { rows: runs } = await getPool().query("SELECT status FROM archive_runs WHERE category = $1 ORDER BY id", [category]);
    expect(runs.map((r) => r.status)).toEqual(["failed", "succeeded"]);
    for (const streamId of streams) {
      expect(await hotCount(streamId)).toBe(NEW);
      const hot = await getPool().query<{ event_id: string }>("SELECT event_id FROM events WHERE stream_id = $1", [streamId]);
      const cold = await readArchivedRows({ streamId });
      const ids = [...hot.rows.map((r) => r.event_id), ...cold.map((r) => r.event_id)];
      expect(new Set(ids).size).toBe(OLD + NEW);
      expect(cold.map((r) => r.stream_version)).toEqual(Array.from({ length: OLD }, (_, i) => i + 1));
    }
  });
});

describe("blocks", () => {
  it("a long stream is stored as 1 000-event gzip members; any range, across block and segment boundaries, reads back exactly", async () => {
    const streamId = `blocks-${unique()}`;
    const start = Date.now() - 30 * 86_400_000;
    for (let b = 0; b < 3; b++) {
      await appendToStream({
        streamId,
        events: Array.from({ length: 900 }, (_, i) => ({ type: "Ticked", data: { n: b * 900 + i, price: (b * 900 + i) / 7 } })),
        recordedAt: Array.from({ length: 900 }, (_, i) => new Date(start + (b * 900 + i) * 1000).toISOString()),
      });
    }
    await appendToStream({ streamId, events: [{ type: "Ticked", data: { n: 2700 } }] });
    const before = await readStream({ streamId, pii: "clear", limit: 1000, fromVersion: 1 });
    const pages = [before.events];
    for (const from of [1001, 2001]) pages.push((await readStream({ streamId, pii: "clear", limit: 1000, fromVersion: from })).events);
    const all = pages.flat();
    expect(all).toHaveLength(2701);

    await saveArchivePolicy({ category: "blocks", olderThanDays: 10, historyOnly: true, enabled: true, actor });
    const run = await runArchivePolicy({ category: "blocks", store, segmentEvents: 1500 });
    expect(run).toMatchObject({ status: "succeeded", events: 2700, segments: 2 });
    const { rows: blocks } = await getPool().query("SELECT from_version, to_version FROM archive_segment_streams WHERE stream_id = $1 ORDER BY from_version", [streamId]);
    expect(blocks).toEqual([
      { from_version: 1, to_version: 1000 },
      { from_version: 1001, to_version: 1500 },
      { from_version: 1501, to_version: 2500 },
      { from_version: 2501, to_version: 2700 },
    ]);
    for (const [from, to] of [[1, 1], [995, 1005], [1499, 1502], [1000, 1999], [1601, 2600], [2690, 2701]]) {
      const read = await readStream({ streamId, pii: "clear", limit: to - from + 1, fromVersion: from, includeArchived: true });
      const want = all.slice(from - 1, to);
      expect(read.events.map((e) => e.streamVersion), `${from}..${to}`).toEqual(want.map((e) => e.streamVersion));
      const differing = read.events.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(want[i]));
      expect(differing, `${from}..${to}: first differing event`).toBe(-1);
    }
    const rebuilt = [];
    for await (const row of streamArchivedEvents({ streamId })) rebuilt.push(row.stream_version);
    expect(rebuilt).toEqual(Array.from({ length: 2700 }, (_, i) => i + 1));
    // The file is still one gzip stream to any tool: every member inflates in order.
    const { rows: segs } = await getPool().query<{ object_key: string; event_count: number }>("SELECT object_key, event_count FROM archive_segments WHERE category = 'blocks' ORDER BY id");
    for (const seg of segs) {
      const text = zlib.gunzipSync(fs.readFileSync(path.join(dir, seg.object_key))).toString();
      expect(text.split("\n").filter(Boolean)).toHaveLength(seg.event_count);
    }
  });
});
