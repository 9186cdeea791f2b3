import { describe, expect, it } from "vitest";
import { isUuid, uuidv7 } from "./ids";

describe("uuidv7", () => {
  it("given many ids drawn at once, then each is a v7 UUID and none repeats", () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    for (const id of ids.slice(0, 500)) {
      expect(isUuid(id)).toBe(true);
      expect(id[14]).toBe("7");
      expect("89ab").toContain(id[19]);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("given ids drawn within the same millisecond, then they still sort in the order drawn", () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_800_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("given later times, then ids sort after earlier ones", () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a < b).toBe(true);
  });
});
