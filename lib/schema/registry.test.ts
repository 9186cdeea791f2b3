import { z } from "zod";
import { describe, expect, it } from "vitest";
import { eventTypes } from "../../domains/demo/event-types";
import { SchemaRegistry, type EventTypeDef } from "./registry";

const registry = new SchemaRegistry(eventTypes);

const v1 = { orderId: "o1", customerId: "c1", items: [{ sku: "s", quantity: 2, unitPrice: 3 }], total: 6 };

describe("upcasting OrderPlaced", () => {
  it("given a stored v1 event, when upcast, then it is v2 with discountCode null and the step is reported", () => {
    const up = registry.upcast("OrderPlaced", 1, v1);
    expect(up.schemaVersion).toBe(2);
    expect(up.data).toEqual({ ...v1, discountCode: null });
    expect(up.steps).toEqual([{ from: 1, to: 2, note: expect.stringContaining("discountCode") }]);
    expect(registry.version("OrderPlaced", 2)!.schema.safeParse(up.data).success).toBe(true);
  });

  it("does not change the stored data it was given", () => {
    const stored = structuredClone(v1);
    registry.upcast("OrderPlaced", 1, stored);
    expect(stored).toEqual(v1);
  });

  it("given a stored v2 event, then it is returned as is with no steps", () => {
    const data = { ...v1, discountCode: "WINTER" };
    expect(registry.upcast("OrderPlaced", 2, data)).toEqual({ data, schemaVersion: 2, steps: [] });
  });

  it("given an unregistered type, then it passes through unchanged", () => {
    const data = { anything: 1 };
    expect(registry.upcast("SomethingNew", 3, data)).toEqual({ data, schemaVersion: 3, steps: [] });
  });

  it("knows the latest version of each type, and none for unknown types", () => {
    expect(registry.latestVersion("OrderPlaced")).toBe(2);
    expect(registry.latestVersion("PriceTicked")).toBe(1);
    expect(registry.latestVersion("Nope")).toBeUndefined();
    expect(registry.version("OrderPlaced", 3)).toBeUndefined();
  });
});

describe("a chain of upcasters", () => {
  const chain: EventTypeDef = {
    type: "Thing",
    description: "three versions",
    versions: [
      { schema: z.object({ a: z.number() }), upcast: (d) => ({ ...d, b: 0 }), upcastNote: "b defaults to 0" },
      { schema: z.object({ a: z.number(), b: z.number() }), upcast: ({ a, ...rest }) => ({ ...rest, c: String(a) }), upcastNote: "a became c" },
      { schema: z.object({ b: z.number(), c: z.string() }) },
    ],
  };
  const r = new SchemaRegistry([chain]);

  it("given v1, then every step runs in order and is reported", () => {
    expect(r.upcast("Thing", 1, { a: 7 })).toEqual({
      data: { b: 0, c: "7" },
      schemaVersion: 3,
      steps: [
        { from: 1, to: 2, note: "b defaults to 0" },
        { from: 2, to: 3, note: "a became c" },
      ],
    });
  });

  it("given v2, then only the last step runs", () => {
    expect(r.upcast("Thing", 2, { a: 1, b: 5 }).steps).toEqual([{ from: 2, to: 3, note: "a became c" }]);
  });
});

describe("registering types", () => {
  const schema = z.object({});
  it("refuses a type registered twice", () => {
    expect(() => new SchemaRegistry([{ type: "A", description: "", versions: [{ schema }] }, { type: "A", description: "", versions: [{ schema }] }])).toThrow(/twice/);
  });
  it("refuses a version with no upcaster to the next", () => {
    expect(() => new SchemaRegistry([{ type: "A", description: "", versions: [{ schema }, { schema }] }])).toThrow(/no upcaster/);
  });
  it("refuses PII fields without a subject", () => {
    expect(() => new SchemaRegistry([{ type: "A", description: "", versions: [{ schema, pii: [{ path: "email" }] }] }])).toThrow(/no subject/);
  });
  it("every registered type with PII names its subject", () => {
    for (const def of registry.all()) for (const v of def.versions) if (v.pii?.length) expect(v.subject, def.type).toBeTypeOf("function");
  });
});
