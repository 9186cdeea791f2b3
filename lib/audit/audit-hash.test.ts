import { describe, expect, it } from "vitest";
import { auditHash, GENESIS_HASH, type HashedEntry } from "./audit-hash";

const entry: HashedEntry = {
  at: "2026-11-26T11:42:07.123456Z",
  actorId: "u-1",
  actorLabel: "ada@example.com",
  action: "token.created",
  target: "token:ci (t-1)",
  ip: "198.51.100.1",
  userAgent: "curl/8",
  details: { scopes: ["events:read"], owner: "ada@example.com" },
};

describe("audit hashes", () => {
  it("are the SHA-256 of the previous hash and the canonical entry: same input, same hash; key order does not matter", () => {
    const h = auditHash(GENESIS_HASH, entry);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, { ...entry, details: { owner: "ada@example.com", scopes: ["events:read"] } })).toBe(h);
  });

  it.each(Object.keys(entry) as (keyof HashedEntry)[])("change when %s changes", (field) => {
    const changed = { ...entry, [field]: field === "details" ? { scopes: [] } : field === "target" ? null : `${entry[field]}x` };
    expect(auditHash(GENESIS_HASH, changed as HashedEntry)).not.toBe(auditHash(GENESIS_HASH, entry));
  });

  it("change when the previous hash changes, so an edit anywhere breaks every later link", () => {
    expect(auditHash("1".repeat(64), entry)).not.toBe(auditHash(GENESIS_HASH, entry));
  });
});
