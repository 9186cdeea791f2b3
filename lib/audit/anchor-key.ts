import fs from "node:fs";
import path from "node:path";
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { anchorKeyId } from "./audit-anchor";
import { env, type EnvSource } from "../env";

export type AnchorKeys = { privateKey: KeyObject; publicKeyPem: string; keyId: string };

export const SIGNING_KEY_FILE = "audit-signing-key.pem";
export const PUBLIC_KEY_FILE = "audit-signing-key.pub.pem";

/**
 * The Ed25519 key that signs audit anchors: `HINDSIGHT_AUDIT_SIGNING_KEY` (PKCS#8 PEM, or its DER
 * in base64) when set, otherwise a pair generated once into the data directory (private 0600,
 * public beside it for auditors). Replicas must share the variable, or their anchors verify
 * under different public keys.
 */
export function loadAnchorKeys(source?: EnvSource): AnchorKeys {
  const configured = env("HINDSIGHT_AUDIT_SIGNING_KEY", source)?.trim();
  const privateKey = configured ? parsePrivateKey(configured) : keyFromDataDir(env("HINDSIGHT_DATA_DIR", source) || path.join(process.cwd(), ".data"));
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("HINDSIGHT_AUDIT_SIGNING_KEY must be an Ed25519 private key");
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(), keyId: anchorKeyId(publicKey) };
}

function parsePrivateKey(text: string): KeyObject {
  if (text.includes("-----BEGIN")) return createPrivateKey(text);
  return createPrivateKey({ key: Buffer.from(text, "base64"), format: "der", type: "pkcs8" });
}

function keyFromDataDir(dir: string): KeyObject {
  const file = path.join(dir, SIGNING_KEY_FILE);
  if (fs.existsSync(file)) return createPrivateKey(fs.readFileSync(file, "utf8"));
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // `wx`: two processes starting at once keep the first key, never two different ones.
  try {
    fs.writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return createPrivateKey(fs.readFileSync(file, "utf8"));
  }
  fs.writeFileSync(path.join(dir, PUBLIC_KEY_FILE), publicKey.export({ type: "spki", format: "pem" }), { mode: 0o600 });
  return privateKey;
}
