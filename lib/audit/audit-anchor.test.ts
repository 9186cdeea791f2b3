import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { loadAnchorKeys, PUBLIC_KEY_FILE, SIGNING_KEY_FILE } from "./anchor-key";
import { signAnchor, verifyAnchor, type AuditAnchor } from "./audit-anchor";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-anchor-key-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const head = { id: 41, hash: "ab".repeat(32) };

describe("audit anchors", () => {
  it("an auditor verifies an anchor with the public key file alone, rebuilding the signed text from the anchor's fields", () => {
    const keys = loadAnchorKeys({ HINDSIGHT_DATA_DIR: dir });
    const anchor = JSON.parse(JSON.stringify(signAnchor(head, "2026-12-03T10:00:00.000Z", keys.privateKey))) as AuditAnchor;
    // What the auditor has: the published public key and the anchor file. No Hindsight code.
    const publicPem = fs.readFileSync(path.join(dir, PUBLIC_KEY_FILE), "utf8");
    const text = Buffer.from(`hindsight-audit-anchor/v1\n${anchor.headId}\n${anchor.headHash}\n${anchor.at}`);
    expect(verify(null, text, createPublicKey(publicPem), Buffer.from(anchor.signature, "base64"))).toBe(true);
    expect(verifyAnchor(anchor, publicPem)).toBe(true);
    expect(anchor).toMatchObject({ headId: 41, headHash: head.hash, keyId: keys.keyId });
  });

  it("refuses an anchor whose head was changed, or one signed by another key", () => {
    const keys = loadAnchorKeys({ HINDSIGHT_DATA_DIR: dir });
    const anchor = signAnchor(head, "2026-12-03T10:00:00.000Z", keys.privateKey);
    expect(verifyAnchor({ ...anchor, headId: 42 }, keys.publicKeyPem)).toBe(false);
    expect(verifyAnchor({ ...anchor, headHash: "cd".repeat(32) }, keys.publicKeyPem)).toBe(false);
    const other = generateKeyPairSync("ed25519");
    const forged = signAnchor(head, anchor.at, other.privateKey);
    expect(verifyAnchor(forged, keys.publicKeyPem)).toBe(false);
  });

  it("generates the key pair once into the data directory (private key 0600) and reuses it; the environment's key wins", () => {
    const first = loadAnchorKeys({ HINDSIGHT_DATA_DIR: dir });
    expect(loadAnchorKeys({ HINDSIGHT_DATA_DIR: dir }).publicKeyPem).toBe(first.publicKeyPem);
    expect(fs.statSync(path.join(dir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    const configured = generateKeyPairSync("ed25519");
    const pem = configured.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const der = configured.privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
    const expected = configured.publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(loadAnchorKeys({ HINDSIGHT_DATA_DIR: dir, HINDSIGHT_AUDIT_SIGNING_KEY: pem }).publicKeyPem).toBe(expected);
    expect(loadAnchorKeys({ HINDSIGHT_DATA_DIR: dir, HINDSIGHT_AUDIT_SIGNING_KEY: der }).publicKeyPem).toBe(expected);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => loadAnchorKeys({ HINDSIGHT_AUDIT_SIGNING_KEY: rsa })).toThrow(/Ed25519/);
  });
});
