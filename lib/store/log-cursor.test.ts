import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { decodeCursor, encodeCursor, LOG_START } from "./log-cursor";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64url");

describe("log cursors", () => {
  it.each([
    ["the start of the log", LOG_START],
    ["a small position", { txId: "742", position: 1 }],
    ["the largest xid8", { txId: "18446744073709551615", position: Number.MAX_SAFE_INTEGER }],
  ])("given %s, when encoded and decoded, then the position comes back unchanged", (_label, p) => {
    expect(decodeCursor(encodeCursor(p))).toEqual(p);
  });

  it("is opaque and URL-safe: no separators or padding a client could be tempted to parse", () => {
    const c = encodeCursor({ txId: "123456789", position: 987654321 });
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(c).not.toContain("123456789");
  });

  it("keeps the log order: a later position gives a different cursor", () => {
    expect(encodeCursor({ txId: "10", position: 5 })).not.toBe(encodeCursor({ txId: "10", position: 6 }));
    expect(encodeCursor({ txId: "10", position: 5 })).not.toBe(encodeCursor({ txId: "11", position: 5 }));
  });

  it.each([
    ["garbage", "not-a-cursor"],
    ["empty", ""],
    ["another version", b64("v2:1:1")],
    ["a negative position", b64("v1:1:-1")],
    ["a non-numeric transaction", b64("v1:abc:1")],
    ["a missing part", b64("v1:1")],
    ["trailing data", b64("v1:1:1:extra")],
    ["a position past 2^53", b64("v1:1:9007199254740993")],
    ["a position of 17 digits", b64("v1:1:12345678901234567")],
    ["a transaction id past xid8", b64("v1:18446744073709551616:1")],
    ["a transaction id of 21 digits", b64("v1:123456789012345678901:1")],
  ])("given %s, then decoding refuses it as invalid_cursor (400)", (_label, cursor) => {
    let thrown: unknown;
    try {
      decodeCursor(cursor);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: "invalid_cursor", status: 400 });
  });
});
