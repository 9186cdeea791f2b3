import { describe, expect, it } from "vitest";
import { schemaRegistry } from "../schema/registry";
import { sourceFingerprint } from "./source-fingerprint";

// The same upcaster as three tools print it (taken from real output): vitest re-indents, `tsx`
// minifies whitespace, `next build` minifies and renames the parameter.
const VITEST = "(d) => ({\n\t\t\t\t...d,\n\t\t\t\tdiscountCode: null\n\t\t\t})";
const TSX = "d=>({...d,discountCode:null})";
const NEXT = "e=>({...e,discountCode:null})";

describe("sourceFingerprint", () => {
  it("given one upcaster printed by vitest, tsx and next build, then all three fingerprints are equal", () => {
    expect(sourceFingerprint(TSX)).toBe(sourceFingerprint(VITEST));
    expect(sourceFingerprint(NEXT)).toBe(sourceFingerprint(VITEST));
  });

  it("matches the registry's own OrderPlaced upcaster as this process prints it", () => {
    const source = schemaRegistry().get("OrderPlaced")!.versions[0].upcast!.toString();
    expect(sourceFingerprint(source)).toBe(sourceFingerprint(NEXT));
  });

  it("reads a block body with one return, comments, trailing commas and quote styles as the same function", () => {
    const block = `(data) => {
      // v1 had no discount codes
      return { ...data, discountCode: 'NONE', };
    }`;
    expect(sourceFingerprint(block)).toBe(sourceFingerprint(`x=>({...x,discountCode:"NONE"})`));
  });

  it("reads minified literals (!0, !1, void 0) as true, false and undefined", () => {
    expect(sourceFingerprint("(d) => ({ ...d, a: true, b: false, c: undefined })")).toBe(sourceFingerprint("t=>({...t,a:!0,b:!1,c:void 0})"));
  });

  it("reads renamed destructuring and shorthand as the same function", () => {
    const source = "({ a, ...rest }) => ({ ...rest, c: String(a) })";
    const minified = "({a:e,...t})=>({...t,c:String(e)})";
    expect(sourceFingerprint(minified)).toBe(sourceFingerprint(source));
  });

  it("reads a bundler's (0, mod.fn)(x) call as mod.fn(x)", () => {
    expect(sourceFingerprint("(d) => import_helpers.withDefaults(d)")).toBe(sourceFingerprint("e=>(0,r.withDefaults)(e)"));
  });

  it.each([
    ["another default value", "d=>({...d,discountCode:\"NONE\"})"],
    ["another field name", "d=>({...d,discount:null})"],
    ["another operator", "d=>({...d,total:d.total*100})"],
    ["another global", "d=>({...d,discountCode:String(d.code)})"],
    ["a dropped spread", "d=>({discountCode:null})"],
  ])("given %s, then the fingerprint differs", (_, changed) => {
    expect(sourceFingerprint(changed)).not.toBe(sourceFingerprint(TSX));
  });

  it("keeps globals apart: String(x) is not Number(x)", () => {
    expect(sourceFingerprint("d=>({...d,n:String(d.n)})")).not.toBe(sourceFingerprint("d=>({...d,n:Number(d.n)})"));
  });

  it("keeps object keys and property reads apart from local names", () => {
    expect(sourceFingerprint("d=>({...d,total:d.amount})")).not.toBe(sourceFingerprint("d=>({...d,amount:d.total})"));
  });
});
