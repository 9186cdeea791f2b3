import path from "node:path";
import { describe, expect, it } from "vitest";
import { coldKey, coldPrefix, holdKey, isOwnColdKey, isOwnHoldKey, keySegment } from "./object-keys";

// Object keys must stay in their folder whatever a category or stream id holds, and stay short.

const HOSTILE = [
  "..", ".", "...", "%2e%2e", "%2E%2E", "%252e%252e", "a/b", "../hold", "/etc", "a\\b", "..\\..", "~",
  "\uff0e\uff0e", // fullwidth full stops
  "\u2025", // two-dot leader
  "a\u2215b", // division slash
  "a\uff0fb", // fullwidth solidus
  "\u2024\u2024", // one-dot leaders
  "hold", "cold", "x.manifest.json",
];

const HOLD = "0b0e2a5c-1d2f-4a6b-8c9d-0e1f2a3b4c5d";

describe("archive object keys", () => {
  it.each(HOSTILE)("given the name %j, then its segment is one plain ASCII path part", (name) => {
    const seg = keySegment(name);
    expect(seg).toMatch(/^[A-Za-z0-9_-]{0,40}~[0-9a-f]{16}$/);
    expect(seg).not.toContain("/");
    expect([".", ".."]).not.toContain(seg);
  });

  it.each(HOSTILE)("given the category %j, then its cold key normalises to itself under cold/", (name) => {
    const key = coldKey(name, 1, 2, "0123456789abcdef");
    expect(path.posix.normalize(key)).toBe(key);
    expect(key.split("/")).toHaveLength(3);
    expect(key.startsWith(coldPrefix(name))).toBe(true);
    expect(isOwnColdKey(coldPrefix(name), key)).toBe(true);
    expect(isOwnColdKey(coldPrefix(name), `${key}.manifest.json`)).toBe(true);
  });

  it.each(HOSTILE)("given the stream id %j, then its hold key normalises to itself under hold/<id>/", (name) => {
    const key = holdKey(HOLD, name, 1, 9);
    expect(path.posix.normalize(key)).toBe(key);
    expect(key.split("/")).toHaveLength(4);
    expect(key.startsWith(`hold/${HOLD}/`)).toBe(true);
    expect(isOwnHoldKey(key)).toBe(true);
  });

  it.each([
    ["Latin", "o"],
    ["CJK", "日"],
    ["emoji", "🎉"],
    ["Devanagari", "क"],
    ["combining marks", "e\u0301"],
  ])("given a 200-character id in %s, then every key part stays under 255 bytes", (_, ch) => {
    const id = `x-${ch.repeat(200)}`.slice(0, 200);
    for (const part of [...holdKey(HOLD, id, 1, 2).split("/"), ...coldKey(id, 1, 2, "0123456789abcdef").split("/")]) {
      expect(Buffer.byteLength(part)).toBeLessThan(255);
    }
  });

  it("gives look-alike names different segments", () => {
    const names = ["..", "%2e%2e", "\uff0e\uff0e", "__", "a/b", "a_b", "a\u2215b"];
    expect(new Set(names.map(keySegment)).size).toBe(names.length);
  });

  it("does not take another folder's keys, or foreign names, as its own", () => {
    const prefix = coldPrefix("user");
    expect(isOwnColdKey(prefix, coldKey("profile", 1, 2, "0123456789abcdef"))).toBe(false);
    expect(isOwnColdKey(prefix, `${prefix}notes.txt`)).toBe(false);
    expect(isOwnColdKey(prefix, "cold/user/000000000000001-000000000000002-0123456789abcdef.ndjson.gz")).toBe(false);
    expect(isOwnHoldKey(`hold/${HOLD}/user%2F1/1-2.ndjson.gz`)).toBe(false);
    expect(() => holdKey("../x", "user-1", 1, 2)).toThrow(/UUID/);
  });
});
