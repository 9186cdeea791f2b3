import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";
import { loadAnchorKeys } from "../audit/anchor-key";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { writeAuditAnchor } from "../audit/write-audit-anchor";
import { anchorStore } from "./anchor-store";
import { s3Store, type S3StoreOptions } from "./archive-store";

// Anchors on the S3 backend (s3rver, which has no Object Lock: the plain put is the fallback).

const BUCKET = "hindsight-anchors";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-s3-anchors-"));
let server: { run(): Promise<AddressInfo>; close(): Promise<void> };
let opts: S3StoreOptions;

beforeAll(async () => {
  server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: dir, configureBuckets: [{ name: BUCKET }] });
  const address = await server.run();
  opts = { bucket: BUCKET, endpoint: `http://127.0.0.1:${address.port}`, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true, prefix: "hs" };
});

afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("audit anchors on S3", () => {
  it("writes signed anchors under the bucket prefix's anchors/ and verify reads them back", async () => {
    const keys = loadAnchorKeys({ HINDSIGHT_DATA_DIR: dir });
    const store = anchorStore(s3Store(opts), opts);
    const { anchor, key } = await writeAuditAnchor({ store, keys });
    expect(key).toMatch(/^anchors\/\d{8}T\d{9}Z-\d+\.json$/);
    expect(await store.list()).toEqual([{ key, anchor }]);
    expect(await s3Store({ ...opts, prefix: undefined }).list("hs/anchors/")).toEqual([`hs/${key}`]);
    expect(await verifyAuditChain({ anchors: store, publicKeyPem: keys.publicKeyPem })).toMatchObject({ ok: true, anchors: { checked: 1 } });
  });
});
