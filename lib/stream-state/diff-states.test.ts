import { describe, expect, it } from "vitest";
import { diffStates, formatPath, jsonEqual } from "./diff-states";

describe("diffStates", () => {
  it("given two equal states (keys in another order), then no change", () => {
    expect(diffStates({ a: 1, b: { c: [1, { d: null }] } }, { b: { c: [1, { d: null }] }, a: 1 })).toEqual([]);
  });

  it("given a changed, an added and a removed top-level field, then one change each, in key order", () => {
    expect(diffStates({ status: "placed", total: 19, note: "x" }, { status: "paid", total: 19, paid: true })).toEqual([
      { path: "status", segments: ["status"], kind: "changed", before: "placed", after: "paid" },
      { path: "note", segments: ["note"], kind: "removed", before: "x" },
      { path: "paid", segments: ["paid"], kind: "added", after: true },
    ]);
  });

  it("given a nested change, then its full path", () => {
    expect(diffStates({ payment: { amount: 10, method: "card" } }, { payment: { amount: 12, method: "card" } })).toEqual([
      { path: "payment.amount", segments: ["payment", "amount"], kind: "changed", before: 10, after: 12 },
    ]);
  });

  it("given arrays, then elements compare by index: changed inside, added past the end, removed when shorter", () => {
    const before = { items: [{ sku: "A", quantity: 1 }, { sku: "B", quantity: 1 }] };
    expect(diffStates(before, { items: [{ sku: "A", quantity: 2 }, { sku: "B", quantity: 1 }, { sku: "C", quantity: 1 }] })).toEqual([
      { path: "items[0].quantity", segments: ["items", 0, "quantity"], kind: "changed", before: 1, after: 2 },
      { path: "items[2]", segments: ["items", 2], kind: "added", after: { sku: "C", quantity: 1 } },
    ]);
    expect(diffStates(before, { items: [{ sku: "A", quantity: 1 }] })).toEqual([
      { path: "items[1]", segments: ["items", 1], kind: "removed", before: { sku: "B", quantity: 1 } },
    ]);
  });

  it("given a value that changed kind (null → object, array → object), then one change of the whole value", () => {
    expect(diffStates({ payment: null }, { payment: { amount: 1 } })).toEqual([
      { path: "payment", segments: ["payment"], kind: "changed", before: null, after: { amount: 1 } },
    ]);
    expect(diffStates({ x: [1] }, { x: { 0: 1 } })).toEqual([{ path: "x", segments: ["x"], kind: "changed", before: [1], after: { 0: 1 } }]);
  });

  it("given PII envelopes, then an envelope is one value: resealed → changed, same → nothing", () => {
    const env = (c: string) => ({ $pii: `u1:k1:iv:${c}:tag` });
    expect(diffStates({ email: env("a") }, { email: env("a") })).toEqual([]);
    expect(diffStates({ email: env("a") }, { email: env("b") })).toEqual([
      { path: "email", segments: ["email"], kind: "changed", before: env("a"), after: env("b") },
    ]);
  });

  it("given whole states that are not objects, then one change at the root", () => {
    expect(diffStates(1, 2)).toEqual([{ path: "", segments: [], kind: "changed", before: 1, after: 2 }]);
    expect(diffStates("same", "same")).toEqual([]);
  });

  it("tells 0 from null and from a missing key", () => {
    expect(diffStates({ a: 0 }, { a: null })).toHaveLength(1);
    expect(diffStates({ a: null }, {})).toEqual([{ path: "a", segments: ["a"], kind: "removed", before: null }]);
  });
});

describe("formatPath and jsonEqual", () => {
  it("quotes keys that are not plain names", () => {
    expect(formatPath(["data", "a.b", 3, "x y", "ok"])).toBe('data["a.b"][3]["x y"].ok');
    expect(formatPath([0, "a"])).toBe("[0].a");
  });

  it("compares JSON deeply, arrays in order", () => {
    expect(jsonEqual({ a: [1, 2] }, { a: [1, 2] })).toBe(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
  });
});
