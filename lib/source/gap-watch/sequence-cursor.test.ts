import { describe, expect, it } from "vitest";
import { decodeSequenceCursor, encodeSequenceCursor } from "./sequence-cursor";
import { walkSequence } from "./walk-sequence";

describe("sequence cursors", () => {
  it("round-trips a position with and without the gap it waits on, and drops a gap already passed", () => {
    expect(decodeSequenceCursor("mdb1:", encodeSequenceCursor("mdb1:", { position: 7, gap: null }))).toEqual({ position: 7, gap: null });
    const gap = { seenAt: 1_764_770_000_123_456n, ceiling: 12 };
    expect(encodeSequenceCursor("mt1:", { position: 7, gap })).toBe("mt1:7:1764770000123456:12");
    expect(decodeSequenceCursor("mt1:", "mt1:7:1764770000123456:12")).toEqual({ position: 7, gap });
    expect(encodeSequenceCursor("mt1:", { position: 12, gap })).toBe("mt1:12");
    expect(decodeSequenceCursor("mt1:", "mt1:12:1764770000123456:12")).toEqual({ position: 12, gap: null });
  });

  it("refuses another kind's cursor and anything it did not hand out", () => {
    for (const bad of ["v1:1:2", "mt1:5", "mdb1:", "mdb1:-1", "mdb1:1:2", "mdb1:99999999999999999"]) {
      expect(() => decodeSequenceCursor("mdb1:", bad)).toThrow(expect.objectContaining({ code: "invalid_cursor" }));
    }
  });
});

describe("walking a sequence", () => {
  it("takes contiguous positions and stops before a hole that a later row shows", () => {
    expect(walkSequence(3, [4, 5, 6], null)).toEqual({ taken: 3, blocked: false });
    expect(walkSequence(3, [4, 6, 7], null)).toEqual({ taken: 1, blocked: true });
    expect(walkSequence(3, [5], null)).toEqual({ taken: 0, blocked: true });
  });

  it("crosses holes proven dead up to the ceiling, and stops at the first hole above it", () => {
    expect(walkSequence(3, [5, 6, 8, 9, 11], 8)).toEqual({ taken: 4, blocked: true });
    expect(walkSequence(3, [9], 8)).toEqual({ taken: 1, blocked: false });
    expect(walkSequence(3, [10], 8)).toEqual({ taken: 0, blocked: true });
  });
});
