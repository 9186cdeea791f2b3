import { z } from "zod";
import { describe, expect, it } from "vitest";
import { eventTypes } from "../../domains/demo/event-types";
import { orderReducer } from "../../domains/demo/reducers/order-reducer";
import { tickerReducer } from "../../domains/demo/reducers/ticker-reducer";
import { SchemaRegistry, type EventTypeDef } from "../schema/registry";
import { snapshotKeyOf, upcasterHash } from "./upcaster-hash";

const registry = new SchemaRegistry(eventTypes);

/** The demo registry with OrderPlaced's v1 upcaster replaced. */
function withOrderPlacedUpcaster(upcast: (d: Record<string, unknown>) => Record<string, unknown>, note?: string): SchemaRegistry {
  return new SchemaRegistry(
    eventTypes.map((def): EventTypeDef =>
      def.type !== "OrderPlaced" ? def : { ...def, versions: [{ ...def.versions[0], upcast, upcastNote: note ?? def.versions[0].upcastNote }, def.versions[1]] },
    ),
  );
}

describe("upcasterHash", () => {
  it("is stable: the same registry and reads give the same 16 hex digits, in any order", () => {
    const a = upcasterHash(["OrderPlaced", "OrderPaid"], registry);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(upcasterHash(["OrderPaid", "OrderPlaced", "OrderPaid"], registry)).toBe(a);
    expect(upcasterHash(["OrderPlaced", "OrderPaid"], new SchemaRegistry(eventTypes))).toBe(a);
  });

  it("given a changed upcaster, when hashed again, then the order hash changes and the ticker hash does not", () => {
    const changed = withOrderPlacedUpcaster((d) => ({ ...d, discountCode: "LEGACY" }));
    expect(snapshotKeyOf(orderReducer, changed).upcasterHash).not.toBe(snapshotKeyOf(orderReducer, registry).upcasterHash);
    expect(snapshotKeyOf(tickerReducer, changed)).toEqual(snapshotKeyOf(tickerReducer, registry));
  });

  it("given only a changed note, then the hash changes too", () => {
    const renoted = withOrderPlacedUpcaster(registry.get("OrderPlaced")!.versions[0].upcast!, "discountCode defaults to null (v1 had none)");
    expect(upcasterHash(orderReducer.reads, renoted)).not.toBe(upcasterHash(orderReducer.reads, registry));
  });

  it("given a new schema version of a type it reads, then the hash changes", () => {
    const v3 = new SchemaRegistry(
      eventTypes.map((def): EventTypeDef =>
        def.type !== "OrderPaid" ? def : { ...def, versions: [{ ...def.versions[0], upcast: (d) => ({ ...d, currency: "EUR" }) }, { schema: z.object({}).passthrough() }] },
      ),
    );
    expect(upcasterHash(orderReducer.reads, v3)).not.toBe(upcasterHash(orderReducer.reads, registry));
  });

  it("puts the reducer's own version in the key", () => {
    expect(snapshotKeyOf({ ...orderReducer, version: 2 }, registry)).toEqual({ reducerVersion: 2, upcasterHash: upcasterHash(orderReducer.reads, registry) });
  });

  it("reads every registered type for '*', and unregistered names only by name", () => {
    expect(upcasterHash("*", registry)).not.toBe(upcasterHash(["PriceTicked"], registry));
    expect(upcasterHash(["SomethingNew"], registry)).not.toBe(upcasterHash(["SomethingElse"], registry));
  });
});
