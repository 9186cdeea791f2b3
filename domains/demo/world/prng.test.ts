import { describe, expect, it } from "vitest";
import { demoUuid, mulberry32, Rng, seedFor, uuidFamily } from "./prng";

describe("mulberry32", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const x of draw(7)) expect(x >= 0 && x < 1).toBe(true);
  });

  it("keeps helpers inside their ranges", () => {
    const rng = new Rng(1);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
  });
});

describe("seedFor", () => {
  it("derives stable, well-spread seeds per key", () => {
    expect(seedFor(42, "order/1")).toBe(seedFor(42, "order/1"));
    expect(seedFor(42, "order/1")).not.toBe(seedFor(42, "order/2"));
    expect(seedFor(42, "order/1")).not.toBe(seedFor(43, "order/1"));
  });
});

describe("deterministic ids", () => {
  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("formats stable v4-shaped UUIDs", () => {
    expect(demoUuid(42, "x")).toBe(demoUuid(42, "x"));
    expect(demoUuid(42, "x")).not.toBe(demoUuid(42, "y"));
    expect(demoUuid(42, "x")).toMatch(UUID_V4);
  });

  it("never repeats an id inside a family or across families", () => {
    const seen = new Set<string>();
    for (const family of ["stream/a", "stream/b", "stream/c"]) {
      const id = uuidFamily(42, family);
      for (let n = 0; n < 20_000; n++) seen.add(id(n));
      expect(id(5)).toMatch(UUID_V4);
    }
    expect(seen.size).toBe(60_000);
  });
});
