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
import { readStream } from "../store/read-stream";
import { unique } from "../testing/expectations";
import { getStateAt } from "../stream-state/get-state-at";
import { getArchiveStore, s3Store, type ArchiveStore } from "./archive-store";
import { saveArchivePolicy } from "./archive-policies";
import { coldPrefix } from "./object-keys";
import { runArchivePolicy } from "./run-archive-policy";
import { setEnv } from "../env";

// The S3 backend against a real S3-compatible server (s3rver, on a free port over a temporary
// directory): the same archive run and reads as on the filesystem, through @aws-sdk/client-s3.

const BUCKET = "hindsight-archive";
let server: { run(): Promise<AddressInfo>; close(): Promise<void> };
let endpoint = "";
let store: ArchiveStore;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-s3rver-"));
  server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: dir, configureBuckets: [{ name: BUCKET }] });
  const address = await server.run();
  endpoint = `http://127.0.0.1:${address.port}`;
  setEnv({
    HINDSIGHT_ARCHIVE_S3_BUCKET: BUCKET,
    HINDSIGHT_ARCHIVE_S3_ENDPOINT: endpoint,
    HINDSIGHT_ARCHIVE_S3_REGION: "us-east-1",
    HINDSIGHT_ARCHIVE_S3_ACCESS_KEY_ID: "S3RVER",
    HINDSIGHT_ARCHIVE_S3_SECRET_ACCESS_KEY: "S3RVER",
    HINDSIGHT_ARCHIVE_S3_FORCE_PATH_STYLE: "true",
  });
  store = getArchiveStore();
});

afterAll(async () => {
  await server?.close();
});

describe("the S3 archive store", () => {
  it("is the configured store once the bucket is set", () => {
    expect(store.describe).toBe(`s3 ${BUCKET} at ${endpoint}`);
  });

  it("puts, gets, lists and deletes objects; a missing key reads as null", async () => {
    const s = s3Store({ bucket: BUCKET, endpoint, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", prefix: "probe" });
    await s.put("a/one.bin", Buffer.from([1, 2, 3]));
    await s.put("a/two.bin", Buffer.from("two"));
    expect(await s.list("a/")).toEqual(["a/one.bin", "a/two.bin"]);
    expect([...(await s.get("a/one.bin"))!]).toEqual([1, 2, 3]);
    expect(await s.get("a/none.bin")).toBeNull();
    await s.delete("a/one.bin");
    expect(await s.list("a/")).toEqual(["a/two.bin"]);
  });

  it("archives a category into the bucket and reads it back byte-equal", async () => {
    const streamId = `s3test-${unique()}`;
    const start = Date.now() - 30 * 86_400_000;
    await appendToStream({
      streamId,
      events: Array.from({ length: 30 }, (_, i) => ({ type: "Measured", data: { i, value: i * 1.5, label: `m${i}` } })),
      recordedAt: Array.from({ length: 30 }, (_, i) => new Date(start + i * 1000).toISOString()),
    });
    await appendToStream({ streamId, events: [{ type: "Measured", data: { i: 30 } }] });
    const before = await readStream({ streamId, pii: "clear", limit: 100 });
    const stateBefore = await getStateAt({ streamId, target: { version: 12 }, pii: "clear" });

    await saveArchivePolicy({ category: "s3test", olderThanDays: 7, historyOnly: true, enabled: true, actor: systemActor("test") });
    const run = await runArchivePolicy({ category: "s3test", segmentEvents: 16 });
    expect(run).toMatchObject({ status: "succeeded", events: 30, segments: 2 });
    const keys = await store.list(coldPrefix("s3test"));
    expect(keys.filter((k) => k.endsWith(".ndjson.gz"))).toHaveLength(2);
    expect(keys.filter((k) => k.endsWith(".manifest.json"))).toHaveLength(2);
    const manifest = JSON.parse((await store.get(keys.find((k) => k.endsWith(".manifest.json"))!))!.toString());
    expect(manifest).toMatchObject({ category: "s3test", count: 16, format: "hindsight-archive-segment/1" });

    const { rows } = await getPool().query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE stream_id = $1", [streamId]);
    expect(rows[0].n).toBe(1);
    const after = await readStream({ streamId, pii: "clear", limit: 100, includeArchived: true });
    expect(JSON.stringify(after.events)).toBe(JSON.stringify(before.events));
    expect(JSON.stringify(await getStateAt({ streamId, target: { version: 12 }, pii: "clear" }))).toBe(JSON.stringify(stateBefore));
  });
});
