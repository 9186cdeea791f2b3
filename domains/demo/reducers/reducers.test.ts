import { describe, expect, it } from "vitest";
import type { JsonObject } from "hindsight/domain";
import { genericReducer } from "../../../lib/stream-state/generic-reducer";
import type { AnyReducer, FoldEvent } from "../../../lib/stream-state/reducer";
import { reducerFor } from "../../../lib/stream-state/reducers/reducer-for";
import { schemaRegistry } from "../../../lib/schema/registry";
import { accountReducer } from "./account-reducer";
import { orderReducer } from "./order-reducer";
import { profileReducer } from "./profile-reducer";
import { tickerReducer } from "./ticker-reducer";
import { userReducer } from "./user-reducer";

const registry = schemaRegistry();

/** Given these stored events (type, schema version, data), the state a reducer folds them to, upcasting as reads do. */
function given(reducer: AnyReducer, events: [string, number, JsonObject][]): JsonObject {
  return events.reduce((state, [type, version, data], i) => {
    const up = registry.upcast(type, version, data);
    const event: FoldEvent = { type, schemaVersion: up.schemaVersion, data: up.data, streamVersion: i + 1, recordedAt: `2026-11-26T10:00:0${i}.000000+00:00` };
    return reducer.evolve(state, event);
  }, reducer.initialState());
}

const envelope = (tag: string) => ({ $pii: `u1:k1:iv:${tag}:tag` });
const placedV1 = { orderId: "7", customerId: "c1", items: [{ sku: "A", quantity: 2, unitPrice: 9.5 }], total: 19 };

describe("the reducers", () => {
  it("ticker: given three ticks, then the last bid/ask, the count, the bid's high/low and the volume", () => {
    const tick = (bid: number, ask: number, volume: number): [string, number, JsonObject] => ["PriceTicked", 1, { symbol: "BTC", bid, ask, volume }];
    expect(given(tickerReducer, [tick(10, 11, 5), tick(12, 13, 1), tick(9, 10, 2)])).toEqual({
      symbol: "BTC", bid: 9, ask: 10, ticks: 3, high: 12, low: 9, volume: 8, lastTickAt: "2026-11-26T10:00:02.000000+00:00",
    });
  });

  it("order: given a v1 placement, then discountCode is the upcaster's explicit null", () => {
    const state = given(orderReducer, [["OrderPlaced", 1, placedV1]]);
    expect(state).toMatchObject({ status: "placed", discountCode: null, total: 19, items: [{ sku: "A", quantity: 2, unitPrice: 9.5 }] });
    expect(Object.hasOwn(state, "discountCode")).toBe(true);
  });

  it("order: given placed (v2), paid and shipped, then each step shows", () => {
    expect(
      given(orderReducer, [
        ["OrderPlaced", 2, { ...placedV1, discountCode: "WINTER" }],
        ["OrderPaid", 1, { orderId: "7", amount: 19, method: "card" }],
        ["OrderShipped", 1, { orderId: "7", carrier: "dhl", trackingNumber: "T1" }],
      ]),
    ).toMatchObject({ status: "shipped", discountCode: "WINTER", paid: true, payment: { amount: 19, method: "card" }, shipped: true, shipment: { carrier: "dhl", trackingNumber: "T1" } });
  });

  it("order: given a cancellation, then the status and reason", () => {
    expect(given(orderReducer, [["OrderPlaced", 1, placedV1], ["OrderCancelled", 1, { orderId: "7", reason: "changed mind" }]])).toMatchObject({ status: "cancelled", cancelReason: "changed mind", paid: false });
  });

  it("user: given a registration and an update of the e-mail, then the envelopes are kept as they came (never opened)", () => {
    const state = given(userReducer, [
      ["UserRegistered", 1, { userId: "u1", email: envelope("e1"), name: envelope("n1"), country: "DE" }],
      ["UserUpdated", 1, { userId: "u1", email: envelope("e2"), source: "account-settings" }],
    ]);
    expect(state).toEqual({ userId: "u1", email: envelope("e2"), name: envelope("n1"), country: "DE", registered: true, updates: 1, lastSource: "account-settings" });
  });

  it("profile: given an update without a bio, then the earlier bio stays", () => {
    const state = given(profileReducer, [
      ["ProfileUpdated", 1, { userId: "u1", displayName: envelope("d1"), bio: "hi" }],
      ["ProfileUpdated", 1, { userId: "u1", displayName: envelope("d2") }],
    ]);
    expect(state).toEqual({ userId: "u1", displayName: envelope("d2"), bio: "hi", updates: 2 });
  });

  it("account: given deposits and a withdrawal, then the balance to the cent and the counts", () => {
    const state = given(accountReducer, [
      ["AccountOpened", 1, { accountId: "a1", ownerId: "u1", currency: "EUR" }],
      ["FundsDeposited", 1, { accountId: "a1", amount: 0.1 }],
      ["FundsDeposited", 1, { accountId: "a1", amount: 0.2 }],
      ["FundsWithdrawn", 1, { accountId: "a1", amount: 0.3 }],
    ]);
    expect(state).toEqual({ accountId: "a1", owner: "u1", currency: "EUR", open: true, balance: 0, deposits: 2, withdrawals: 1 });
    expect(Object.is(state.balance, -0)).toBe(false);
  });

  it("generic: given events of an unknown category, then their data merged and a count", () => {
    const reducer = reducerFor("gizmo");
    expect(reducer).toBe(genericReducer);
    expect(given(reducer, [["GizmoMade", 1, { a: 1, b: { c: 2 } }], ["GizmoTuned", 4, { b: { d: 3 }, e: "x" }]])).toEqual({
      eventCount: 2, lastEventType: "GizmoTuned", data: { a: 1, b: { d: 3 }, e: "x" },
    });
  });

  it.each<AnyReducer>([tickerReducer, orderReducer, userReducer, profileReducer, accountReducer])("$category: ignores types it does not read and never changes the state it was given", (reducer) => {
    const before = given(reducer, []);
    const frozen = structuredClone(before);
    expect(reducer.evolve(before, { type: "Unrelated", schemaVersion: 1, data: { x: 1 }, streamVersion: 1, recordedAt: "" })).toBe(before);
    expect(before).toEqual(frozen);
    expect(reducerFor(reducer.category)).toBe(reducer);
  });

  it("keeps every state plain JSON, so a snapshot reads back exactly", () => {
    const states = [
      given(orderReducer, [["OrderPlaced", 1, placedV1]]),
      given(accountReducer, [["FundsWithdrawn", 1, { accountId: "a", amount: 0.001 }]]),
      given(tickerReducer, []),
    ];
    for (const s of states) expect(JSON.parse(JSON.stringify(s))).toStrictEqual(s);
  });
});
