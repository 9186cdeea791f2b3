import { describe, expect, it } from "vitest";
import { applyUpcast, parseUpcast } from "./patch-upcast";

describe("JSON Patch upcasts", () => {
  it("adds defaults, renames, nests, copies and drops; a missing source is passed over", () => {
    const ops = parseUpcast([
      { op: "add", path: "/priority", value: "normal" },
      { op: "move", from: "/street", path: "/address/street" },
      { op: "copy", from: "/reporterId", path: "/ownerId" },
      { op: "remove", path: "/legacy" },
      { op: "move", from: "/nickname", path: "/alias" },
    ]);
    const stored = { ticketId: "t1", street: "Main St 1", reporterId: "u7", legacy: true, reporter: { $pii: "u7:k:iv:ct:tag" } };
    expect(applyUpcast(stored, ops)).toEqual({ ticketId: "t1", priority: "normal", address: { street: "Main St 1" }, reporterId: "u7", ownerId: "u7", reporter: { $pii: "u7:k:iv:ct:tag" } });
    expect(stored.street).toBe("Main St 1"); // the stored data is never changed
  });

  it("refuses operations outside add/move/remove/copy, the whole document, and malformed patches", () => {
    expect(() => parseUpcast([{ op: "replace", path: "/a", value: 1 }])).toThrow(/op must be one of/);
    expect(() => parseUpcast([{ op: "remove", path: "" }])).toThrow(/whole document/);
    expect(() => parseUpcast([{ op: "add", path: "a", value: 1 }])).toThrow(/operation 0/);
    expect(() => parseUpcast({ op: "add" })).toThrow(/array/);
  });
});
