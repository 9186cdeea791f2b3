import { describe, expect, it } from "vitest";
import { canonicalJson, isPlainObject, MAX_JSON_DEPTH, unstorableJson } from "./json";

describe("canonicalJson", () => {
  it("gives the same text whatever order the keys were written in, at every depth", () => {
    const a = { b: 1, a: { z: [1, { y: 2, x: 1 }], m: null }, c: "x" };
    const b = { c: "x", a: { m: null, z: [1, { x: 1, y: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"m":null,"z":[1,{"x":1,"y":2}]},"b":1,"c":"x"}');
  });

  it("keeps array order (it is meaningful)", () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("drops undefined fields, as JSON.stringify does, so an omitted and an undefined field are the same request", () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it("distinguishes values JSON distinguishes", () => {
    expect(canonicalJson({ a: "1" })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
    expect(canonicalJson({ "a,b": 1 })).not.toBe(canonicalJson({ a: 1, b: 1 }));
  });

  it("escapes strings like JSON.stringify and writes primitives the same way", () => {
    for (const v of ["quote \" and \\ and \n", "日本語 🎉", 0, -1.5, 1e21, true, false, null]) {
      expect(canonicalJson(v)).toBe(JSON.stringify(v));
    }
    expect(JSON.parse(canonicalJson({ s: '<script>"x"</script>' }))).toEqual({ s: '<script>"x"</script>' });
  });

  it("sorts keys by code unit, independent of locale", () => {
    expect(canonicalJson({ b: 1, B: 2, ä: 3, a: 4 })).toBe('{"B":2,"a":4,"b":1,"ä":3}');
  });
});

describe("isPlainObject", () => {
  it("accepts objects and refuses arrays, null and primitives", () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(null)).toBe(false);
    expect(isPlainObject("x")).toBe(false);
  });
});

describe("unstorableJson", () => {
  it("accepts ordinary JSON, including astral characters", () => {
    expect(unstorableJson({ a: ["🎉", "e\u0301", 1, null, { b: "日本語" }] })).toBeNull();
  });

  it.each([
    ["a NUL in a string", { a: "x\u0000y" }],
    ["a NUL in a key", { "k\u0000": 1 }],
    ["a lone high surrogate", { a: ["\ud800"] }],
    ["a lone low surrogate", "\udc00x"],
  ])("refuses %s", (_label, value) => {
    expect(unstorableJson(value)).toMatch(/NUL|surrogate/);
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels without overflowing the stack`, () => {
    const nest = (n: number) => JSON.parse("[".repeat(n) + "]".repeat(n));
    expect(unstorableJson(nest(MAX_JSON_DEPTH))).toBeNull();
    expect(unstorableJson(nest(MAX_JSON_DEPTH + 1))).toMatch(/deeper/);
    expect(unstorableJson(nest(100_000))).toMatch(/deeper/);
  });
});
