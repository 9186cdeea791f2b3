import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { assertStreamId, categoryOf, MAX_STREAM_ID_LENGTH, streamHash, streamIdProblem } from "./stream-id";

describe("stream id validation", () => {
  it.each([
    "order-42",
    "x",
    "ticker",
    "order-42-line-7",
    "order-<script>alert(1)</script>",
    "user-ünïcödé-日本語-🎉",
    `order-${"y".repeat(MAX_STREAM_ID_LENGTH - 6)}`,
  ])("given %j, then it is accepted", (id) => {
    expect(streamIdProblem(id)).toBeNull();
    expect(() => assertStreamId(id)).not.toThrow();
  });

  it.each<[string, unknown, RegExp]>([
    ["empty", "", /empty/],
    ["201 characters", "o".repeat(MAX_STREAM_ID_LENGTH + 1), /longer than 200/],
    ["a space", "order 1", /whitespace/],
    ["a tab", "order\t1", /whitespace/],
    ["a newline", "order-1\n", /whitespace/],
    ["a NUL", "order-\u0000", /control/],
    ["a bell", "order-\u0007", /control/],
    ["DEL", "order-\u007f", /control/],
    ["a C1 control", "order-\u0085", /control/],
    ["a zero-width space", "order-\u200b1", /whitespace|control/],
    ["a byte-order mark", "\ufefforder-1", /whitespace|control/],
    ["a line separator", "order-\u20281", /whitespace|control/],
    ["a no-break space", "order-\u00a01", /whitespace/],
    ["a lone surrogate", "order-\ud800", /Unicode/],
    ["an empty category", "-1", /empty category/],
    ["not a string", 42, /string/],
  ])("given an id with %s, then it is refused with a reason", (_label, id, reason) => {
    expect(streamIdProblem(id)).toMatch(reason);
    let thrown: unknown;
    try {
      assertStreamId(id);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: "validation_failed", status: 422, details: { field: "streamId" } });
  });

  it("counts length in UTF-16 code units, so 200 emoji do not fit but 100 do", () => {
    expect(streamIdProblem("🎉".repeat(100))).toBeNull();
    expect(streamIdProblem("🎉".repeat(101))).toMatch(/longer/);
  });
});

describe("categoryOf", () => {
  it.each([
    ["order-42", "order"],
    ["order-42-line-7", "order"],
    ["ticker", "ticker"],
    ["user-", "user"],
    ["日本-1", "日本"],
  ])("given %j, then the category is %j", (id, category) => {
    expect(categoryOf(id)).toBe(category);
  });
});

describe("streamHash", () => {
  it("is 32-bit FNV-1a over the UTF-8 bytes, as a signed int (published test vectors)", () => {
    expect(streamHash("")).toBe(0x811c9dc5 | 0);
    expect(streamHash("a")).toBe(0xe40c292c | 0);
    expect(streamHash("foobar")).toBe(0xbf9cf968 | 0);
  });

  it("is stable across calls and processes for the same id (rebuild partitions depend on it)", () => {
    expect(streamHash("order-42")).toBe(streamHash("order-42"));
    expect(streamHash("order-42")).toBe(1461995252);
    expect(streamHash("user-ünïcödé")).toBe(streamHash("user-ünïcödé".normalize("NFC")));
  });

  it("fits PostgreSQL's int and spreads ids over both halves of the range", () => {
    const hashes = Array.from({ length: 1000 }, (_, i) => streamHash(`order-${i}`));
    for (const h of hashes) {
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(-(2 ** 31));
      expect(h).toBeLessThan(2 ** 31);
    }
    expect(new Set(hashes).size).toBeGreaterThan(990);
    const negative = hashes.filter((h) => h < 0).length;
    expect(negative).toBeGreaterThan(400);
    expect(negative).toBeLessThan(600);
  });

  it("differs for ids that differ only in normalisation (bytes, not glyphs, are hashed)", () => {
    expect(streamHash("user-e\u0301")).not.toBe(streamHash("user-\u00e9"));
  });
});
