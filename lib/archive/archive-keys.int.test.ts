import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { refusalOf, unique } from "../testing/expectations";
import { filesystemStore, s3Store, type ArchiveStore } from "./archive-store";
import { saveArchivePolicy } from "./archive-policies";
import { copyHoldSegments } from "./copy-hold-segments";
import { coldKey, coldPrefix, holdKey } from "./object-keys";
import { readArchivedRows } from "./read-archived";
import { runArchivePolicy } from "./run-archive-policy";
import { removeColdOrphans } from "./write-segment";

// The probe that found it: a category `..` put its cold folder at the archive root, and its orphan
// sweep deleted legal-hold segments the database still listed. Against a real directory and a
// real S3-compatible server (s3rver), hostile categories and stream ids stay in their folder and
// no sweep touches a segment the database records.

const HOSTILE = ["..", ".", "%2e%2e", "%2E%2E", "a/b", "../hold", "..%2f..", "\uff0e\uff0e", "\u2025", "a\u2215b", "a\uff0fb", "hold", ""];
const actor = systemActor("test");
const BUCKET = "hindsight-keys";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-archive-keys-"));
let s3: { run(): Promise<AddressInfo>; close(): Promise<void> };
const backends: { name: string; store: ArchiveStore }[] = [{ name: "filesystem", store: filesystemStore(dir) }];

beforeAll(async () => {
  s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: fs.mkdtempSync(path.join(os.tmpdir(), "hs-s3keys-")), configureBuckets: [{ name: BUCKET }] });
  const { port } = await s3.run();
  backends.push({ name: "s3", store: s3Store({ bucket: BUCKET, endpoint: `http://127.0.0.1:${port}`, accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }) });
});

afterAll(async () => {
  await s3?.close();
});

async function seedOld(streamId: string, n = 12): Promise<void> {
  const start = Date.now() - 20 * 86_400_000;
  await appendToStream({
    streamId,
    events: Array.from({ length: n }, (_, i) => ({ type: "Measured", data: { i } })),
    recordedAt: Array.from({ length: n }, (_, i) => new Date(start + i * 1000).toISOString()),
  });
}

async function holdOn(streamId: string): Promise<string> {
  const { rows } = await getPool().query<{ id: string }>("INSERT INTO legal_holds (scope, target, reason, created_by) VALUES ('stream', $1, 'litigation', 'test') RETURNING id", [streamId]);
  return rows[0].id;
}

async function holdKeys(holdId: string): Promise<string[]> {
  const { rows } = await getPool().query<{ object_key: string }>("SELECT object_key FROM archive_segments WHERE hold_id = $1 ORDER BY id", [holdId]);
  return rows.map((r) => r.object_key);
}

describe("categories that name folders", () => {
  it("refuses `.` and `..` at append (422) and at policy creation", async () => {
    for (const streamId of ["..-1", ".-1", "..", "."]) {
      const refused = await refusalOf(appendToStream({ streamId, events: [{ type: "Measured", data: {} }] }));
      expect(refused.code).toBe("validation_failed");
    }
    for (const category of ["..", "."]) {
      expect((await refusalOf(saveArchivePolicy({ category, olderThanDays: 1, historyOnly: true, enabled: true, actor }))).code).toBe("validation_failed");
    }
    const { rows } = await getPool().query("SELECT count(*)::int AS n FROM archive_policies WHERE category IN ('.', '..')");
    expect(rows[0].n).toBe(0);
  });
});

describe("archive files on disk", () => {
  it("are 0600 in 0700 folders, and a folder an earlier release left 0755 is tightened when written to", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "hs-archive-modes-"));
    const archive = path.join(root, "archive");
    const store = filesystemStore(archive);
    fs.mkdirSync(path.join(archive, "cold"), { recursive: true, mode: 0o755 });
    fs.chmodSync(path.join(archive, "cold"), 0o755);
    const key = coldKey("user", 1, 2, "0123456789abcdef");
    await store.put(key, Buffer.from("x"));
    await store.put(`${key}.manifest.json`, Buffer.from("{}"));
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    expect(mode(path.join(archive, key))).toBe(0o600);
    expect(mode(path.join(archive, `${key}.manifest.json`))).toBe(0o600);
    for (const d of [archive, path.join(archive, "cold"), path.join(archive, coldPrefix("user"))]) expect(mode(d)).toBe(0o700);
  });
});

describe.each(["filesystem", "s3"])("the %s archive backend", (backendName) => {
  const store = () => backends.find((b) => b.name === backendName)!.store;

  it("keeps every hostile category's and stream id's object in its own folder", async () => {
    const holdId = "0b0e2a5c-1d2f-4a6b-8c9d-0e1f2a3b4c5d";
    for (const name of HOSTILE) {
      const cold = coldKey(name, 1, 2, "0123456789abcdef");
      const hold = holdKey(holdId, name, 1, 2);
      await store().put(cold, Buffer.from(name));
      await store().put(hold, Buffer.from(name));
      expect((await store().list(coldPrefix(name))).filter((k) => k === cold)).toEqual([cold]);
      expect(await store().list(`hold/${holdId}/`)).toContain(hold);
      if (backendName === "filesystem") {
        expect(fs.realpathSync(path.join(dir, cold)).startsWith(path.join(dir, "cold") + path.sep)).toBe(true);
        expect(fs.realpathSync(path.join(dir, hold)).startsWith(path.join(dir, "hold", holdId) + path.sep)).toBe(true);
      }
    }
    const everything = await store().list("");
    expect(everything.every((k) => /^(cold|hold)\/[^/]+\/[^/]+(\/[^/]+)?$/.test(k))).toBe(true);
    if (backendName === "filesystem") expect(fs.readdirSync(dir).sort()).toEqual(["cold", "hold"]);
    for (const name of HOSTILE) await removeColdOrphans(store(), name);
  });

  it("a sweep for any hostile category deletes only its own unrecorded objects, never a recorded hold segment", async () => {
    const streamId = `user-${unique()}`;
    await seedOld(streamId);
    const holdId = await holdOn(streamId);
    expect((await copyHoldSegments({ store: store(), holdIds: [holdId] })).segments).toBe(1);
    const [held] = await holdKeys(holdId);
    const before = await store().get(held);
    expect(before).not.toBeNull();

    for (const name of HOSTILE) {
      const orphan = coldKey(name, 5, 6, "fedcba9876543210");
      await store().put(orphan, Buffer.from("orphan"));
      await store().put(`${coldPrefix(name)}notes.txt`, Buffer.from("not ours"));
      expect(await removeColdOrphans(store(), name)).toBe(1);
      expect(await store().get(orphan)).toBeNull();
      expect(await store().get(`${coldPrefix(name)}notes.txt`)).not.toBeNull();
      expect(await store().get(held)).toEqual(before);
      expect(await store().get(`${held}.manifest.json`)).not.toBeNull();
    }
    expect((await readArchivedRows({ streamId, kind: "hold", store: store() })).map((r) => r.stream_version)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("archives categories like `%2e%2e` and `a/b` into their own folders, and seals a hold on a stream id full of `/` and `..`", async () => {
    const tag = unique();
    for (const category of [`%2e%2e${tag}`, `a/b${tag}`, `\uff0e\uff0e${tag}`]) {
      const streamId = `${category}-${unique()}`;
      await seedOld(streamId);
      await saveArchivePolicy({ category, olderThanDays: 7, historyOnly: true, enabled: true, actor });
      expect(await runArchivePolicy({ category, store: store() })).toMatchObject({ status: "succeeded", events: 12 });
      const { rows } = await getPool().query<{ object_key: string }>("SELECT object_key FROM archive_segments WHERE category = $1", [category]);
      expect(rows).toHaveLength(1);
      expect(rows[0].object_key.startsWith(coldPrefix(category))).toBe(true);
      const manifest = JSON.parse((await store().get(`${rows[0].object_key}.manifest.json`))!.toString());
      expect(manifest).toMatchObject({ category, streams: [{ streamId }] });
      expect(await readArchivedRows({ streamId, store: store() })).toHaveLength(12);
    }
    const streamId = `hx${tag}-../../${"日".repeat(150)}/..`;
    await seedOld(streamId, 3);
    const holdId = await holdOn(streamId);
    await copyHoldSegments({ store: store(), holdIds: [holdId] });
    const [key] = await holdKeys(holdId);
    expect(key.split("/")).toHaveLength(4);
    expect(key.startsWith(`hold/${holdId}/hx${tag}-_`)).toBe(true);
    expect(await readArchivedRows({ streamId, kind: "hold", store: store() })).toHaveLength(3);
  });

  it("keeps reading a segment under the previous release's key, and no later run removes it", async () => {
    const category = `legacy${unique()}`;
    const streamId = `${category}-1`;
    await seedOld(streamId);
    await saveArchivePolicy({ category, olderThanDays: 7, historyOnly: true, enabled: true, actor });
    await runArchivePolicy({ category, store: store() });
    const { rows } = await getPool().query<{ id: number; object_key: string }>("SELECT id, object_key FROM archive_segments WHERE category = $1", [category]);
    // What 0.1.0 wrote: cold/<encodeURIComponent(category)>/<name>.
    const legacy = `cold/${encodeURIComponent(category)}/${rows[0].object_key.split("/").pop()}`;
    for (const suffix of ["", ".manifest.json"]) {
      await store().put(legacy + suffix, (await store().get(rows[0].object_key + suffix))!);
      await store().delete(rows[0].object_key + suffix);
    }
    await getPool().query("UPDATE archive_segments SET object_key = $2 WHERE id = $1", [rows[0].id, legacy]);
    await seedOld(`${category}-2`);
    expect(await runArchivePolicy({ category, store: store() })).toMatchObject({ status: "succeeded", events: 12 });
    expect(await store().get(legacy)).not.toBeNull();
    expect(await readArchivedRows({ streamId, store: store() })).toHaveLength(12);
  });
});
