import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isEnvelope, openValue, parseEnvelope, sealValue, type Envelope } from "./envelope";

const key = randomBytes(32);

function tamper(env: Envelope, part: number): Envelope {
  const parts = env.$pii.split(":");
  const bytes = Buffer.from(parts[part], "base64url");
  bytes[bytes.length - 1] ^= 0x01;
  parts[part] = bytes.toString("base64url");
  return { $pii: parts.join(":") };
}

describe("PII envelopes", () => {
  it.each<[string, unknown]>([
    ["a string", "ann@example.org"],
    ["unicode", "Zoë Ünïcödé 日本語 🎉"],
    ["a number", 42.5],
    ["an object", { street: "Main St 1", city: "Berlin" }],
    ["an array", ["a", 1, null]],
    ["null", null],
  ])("given %s, when sealed and opened with the same key, then it round-trips", (_label, value) => {
    const env = sealValue(value, "u1", "k1", key);
    expect(openValue(parseEnvelope(env)!, key)).toEqual(value);
  });

  it("has the form subject:keyId:iv:ciphertext:tag and does not contain the plaintext", () => {
    const env = sealValue("ann@example.org", "user_1", "kid", key);
    expect(isEnvelope(env)).toBe(true);
    const [subject, keyId, iv, ct, tag] = env.$pii.split(":");
    expect([subject, keyId]).toEqual(["user_1", "kid"]);
    expect(Buffer.from(iv, "base64url")).toHaveLength(12);
    expect(Buffer.from(tag, "base64url")).toHaveLength(16);
    expect(ct).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(env.$pii).not.toContain("ann@example.org");
    expect(Buffer.from(ct, "base64url").toString("utf8")).not.toContain("ann");
  });

  it("uses a fresh iv each time: the same value seals differently", () => {
    expect(sealValue("x", "u1", "k1", key).$pii).not.toBe(sealValue("x", "u1", "k1", key).$pii);
  });

  it("given the wrong key, then opening fails", () => {
    const env = sealValue("secret", "u1", "k1", key);
    expect(() => openValue(parseEnvelope(env)!, randomBytes(32))).toThrow();
  });

  it.each([
    ["the iv", 2],
    ["the ciphertext", 3],
    ["the tag", 4],
  ])("given a tampered envelope (%s), then opening fails", (_label, part) => {
    const env = tamper(sealValue("secret", "u1", "k1", key), part);
    expect(() => openValue(parseEnvelope(env)!, key)).toThrow();
  });

  it("given an envelope relabelled with another subject or key id, then opening fails (both are bound into the tag)", () => {
    const [, , iv, ct, tag] = sealValue("secret", "victim", "k1", key).$pii.split(":");
    expect(() => openValue(parseEnvelope({ $pii: ["thief", "k1", iv, ct, tag].join(":") })!, key)).toThrow();
    expect(() => openValue(parseEnvelope({ $pii: ["victim", "k2", iv, ct, tag].join(":") })!, key)).toThrow();
  });

  it("recognises only single-key {$pii: string} objects as envelopes", () => {
    expect(isEnvelope({ $pii: "a:b:c:d:e" })).toBe(true);
    expect(isEnvelope({ $pii: "a:b:c:d:e", extra: 1 })).toBe(false);
    expect(isEnvelope({ $pii: 5 })).toBe(false);
    expect(isEnvelope([{ $pii: "x" }])).toBe(false);
    expect(isEnvelope(null)).toBe(false);
    expect(isEnvelope("a:b:c:d:e")).toBe(false);
  });

  it("given an envelope without five parts, then parseEnvelope returns null", () => {
    expect(parseEnvelope({ $pii: "a:b:c:d" })).toBeNull();
    expect(parseEnvelope({ $pii: "a:b:c:d:e:f" })).toBeNull();
    expect(parseEnvelope({ $pii: "" })).toBeNull();
  });
});
