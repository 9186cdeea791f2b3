import { describe, expect, it } from "vitest";
import { accountBalancesV1, accountBalancesV2 } from "../../domains/demo/projections/account-balances";
import { orderTotalsV2 } from "../../domains/demo/projections/order-totals";
import { acceptedTypes, foldEvents, keyEvents, type StoredEvent } from "./fold-events";
import { hashRanges } from "./start-rebuild";

const stored = (stream_id: string, type: string, data: Record<string, unknown>, schema_version = 1): StoredEvent => ({ event_id: `${stream_id}-${type}-${Math.random()}`, stream_id, type, schema_version, data });

function fold(def: typeof accountBalancesV1, events: StoredEvent[]) {
  const states = new Map();
  foldEvents(def, keyEvents(def, events, acceptedTypes(def)), states);
  return states;
}

describe("account balances", () => {
  const history = [
    stored("account-7", "AccountOpened", { accountId: "7", ownerId: "u7", currency: "EUR" }),
    stored("account-7", "FundsDeposited", { accountId: "7", amount: 100 }),
    stored("account-7", "FundsWithdrawn", { accountId: "7", amount: 30.5 }),
    stored("account-7", "Unrelated", { x: 1 }),
  ];
  it("given a deposit and a withdrawal, v1 adds the withdrawal (its bug) and v2 subtracts it", () => {
    expect(fold(accountBalancesV1, history).get("account-7")).toEqual({ accountId: "7", ownerId: "u7", currency: "EUR", balance: 130.5, deposited: 130.5, withdrawn: 0, events: 3 });
    expect(fold(accountBalancesV2, history).get("account-7")).toEqual({ accountId: "7", ownerId: "u7", currency: "EUR", balance: 69.5, deposited: 100, withdrawn: 30.5, events: 3 });
  });
});

describe("order totals v2", () => {
  const placedV1 = stored("order-1", "OrderPlaced", { orderId: "1", customerId: "c", items: [{ sku: "A", quantity: 2, unitPrice: 5 }], total: 10 }, 1);
  it("reads a v1 OrderPlaced through the upcaster as not discounted", () => {
    expect(fold(orderTotalsV2, [placedV1]).get("order-1")).toMatchObject({ discountCode: null, discounted: false, gross: 10 });
  });
  it("would misread it as stored: no discountCode at all counts as discounted", () => {
    expect(fold({ ...orderTotalsV2, upcast: false }, [placedV1]).get("order-1")).toMatchObject({ discounted: true });
  });
});

describe("partition ranges", () => {
  it.each([1, 2, 3, 4, 7, 16])("%i partitions cover the int4 range of stream_hash exactly, in order", (p) => {
    const ranges = hashRanges(p);
    expect(ranges).toHaveLength(p);
    expect(ranges[0].from).toBe(-2147483648);
    expect(ranges.at(-1)!.to).toBe(2147483647);
    for (let i = 1; i < p; i++) expect(ranges[i].from).toBe(ranges[i - 1].to + 1);
  });
});
