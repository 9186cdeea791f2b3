import { describe, expect, it } from "vitest";
import { appendToStream, type NewEvent } from "../store/append-to-stream";
import { unique } from "../testing/expectations";
import { getStateAt } from "./get-state-at";
import { getStreamDiff } from "./get-stream-diff";

// The diff between two points of a stream: the states, the field changes and the events in between.

const items = [{ sku: "A-1", quantity: 2, unitPrice: 9.5 }];
const placedV1 = (orderId: string): NewEvent => ({ type: "OrderPlaced", schemaVersion: 1, data: { orderId, customerId: "c7", items, total: 19 } });

describe("OrderPlaced v1 read as v2", () => {
  it("given an order placed as v1, then its state has the upcaster's explicit discountCode null and the step is reported for the event and the fold", async () => {
    const streamId = `order-${unique()}`;
    await appendToStream({ streamId, events: [placedV1("1"), { type: "OrderPaid", data: { orderId: "1", amount: 19, method: "card" } }] });

    const state = await getStateAt({ streamId, pii: "masked" });
    expect(Object.hasOwn(state.state, "discountCode")).toBe(true);
    expect(state.state.discountCode).toBeNull();
    expect(state.upcasts).toEqual([{ type: "OrderPlaced", from: 1, to: 2, note: expect.stringContaining("discountCode"), events: 1 }]);

    const diff = await getStreamDiff({ streamId, from: { version: 0 }, to: { version: 2 }, pii: "masked" });
    const [placed, paid] = diff.events;
    expect(placed).toMatchObject({ type: "OrderPlaced", storedSchemaVersion: 1, schemaVersion: 2, data: { discountCode: null, total: 19 } });
    expect(placed.upcasters).toEqual([{ from: 1, to: 2, note: expect.stringContaining("discountCode") }]);
    expect(paid).toMatchObject({ storedSchemaVersion: 1, schemaVersion: 1, upcasters: [] });
  });
});

describe("getStreamDiff", () => {
  it("given two versions of an order, then the nested and array changes, the events in between, and both states", async () => {
    const streamId = `order-${unique()}`;
    await appendToStream({
      streamId,
      events: [
        placedV1("2"),
        { type: "OrderPaid", data: { orderId: "2", amount: 19, method: "card" } },
        { type: "OrderShipped", data: { orderId: "2", carrier: "dhl", trackingNumber: "T9" } },
      ],
    });
    const diff = await getStreamDiff({ streamId, from: { version: 1 }, to: { version: 3 }, pii: "masked" });
    expect(diff.from).toMatchObject({ version: 1, state: { status: "placed" } });
    expect(diff.to).toMatchObject({ version: 3, state: { status: "shipped" } });
    expect(diff.changes.map((c) => [c.path, c.kind, c.before, c.after])).toEqual([
      ["status", "changed", "placed", "shipped"],
      ["paid", "changed", false, true],
      ["payment", "changed", null, { amount: 19, method: "card" }],
      ["shipped", "changed", false, true],
      ["shipment", "changed", null, { carrier: "dhl", trackingNumber: "T9" }],
    ]);
    expect(diff.events.map((e) => e.streamVersion)).toEqual([2, 3]);
    expect(diff).toMatchObject({ eventCount: 2, next: null });

    const same = await getStreamDiff({ streamId, from: { version: 2 }, to: { version: 2 }, pii: "masked" });
    expect(same).toMatchObject({ changes: [], events: [], eventCount: 0 });
  });

  it("given times as points, then each resolves to the last version recorded by then; no `to` means the latest", async () => {
    const streamId = `account-${unique()}`;
    await appendToStream({ streamId, events: [{ type: "AccountOpened", data: { accountId: "a", ownerId: "u", currency: "EUR" } }] });
    const opened = await getStateAt({ streamId, pii: "masked" });
    await appendToStream({ streamId, events: [{ type: "FundsDeposited", data: { accountId: "a", amount: 12.5 } }] });
    const diff = await getStreamDiff({ streamId, from: { at: opened.at! }, pii: "masked" });
    expect(diff.from.version).toBe(1);
    expect(diff.to.version).toBe(2);
    expect(diff.changes).toEqual([
      { path: "balance", segments: ["balance"], kind: "changed", before: 0, after: 12.5 },
      { path: "deposits", segments: ["deposits"], kind: "changed", before: 0, after: 1 },
    ]);
  });

  it("given PII that changed, then a masked caller sees that it changed without the values, and a clear caller sees them", async () => {
    const userId = `u${unique()}`;
    const streamId = `user-${userId}`;
    await appendToStream({
      streamId,
      events: [
        { type: "UserRegistered", data: { userId, email: `a.${userId}@example.org`, name: "Ann", country: "DE" } },
        { type: "UserUpdated", data: { userId, email: `b.${userId}@example.org` } },
        { type: "UserUpdated", data: { userId, name: "Ann" } },
      ],
    });
    const masked = await getStreamDiff({ streamId, from: { version: 1 }, to: { version: 3 }, pii: "masked" });
    expect(masked.changes.find((c) => c.path === "email")).toMatchObject({ kind: "changed", before: "[masked]", after: "[masked]" });
    expect(masked.events[0].data).toMatchObject({ email: "[masked]" });
    expect(JSON.stringify(masked)).not.toContain(userId + "@");

    const clear = await getStreamDiff({ streamId, from: { version: 1 }, to: { version: 3 }, pii: "clear" });
    expect(clear.changes.find((c) => c.path === "email")).toMatchObject({ before: `a.${userId}@example.org`, after: `b.${userId}@example.org` });
    // Re-sealed with the same name: a change of envelope, not of value, for a caller who can read it.
    expect(clear.changes.map((c) => c.path)).not.toContain("name");
    expect(masked.changes.map((c) => c.path)).toContain("name");
  });

  it("given more events in between than the limit, then the first ones and where the rest continue", async () => {
    const streamId = `ticker-D${unique()}`;
    await appendToStream({ streamId, events: Array.from({ length: 7 }, (_, i) => ({ type: "PriceTicked", data: { symbol: "D", bid: i, ask: i + 1, volume: 1 } })) });
    const diff = await getStreamDiff({ streamId, from: { version: 1 }, to: { version: 7 }, pii: "masked", eventLimit: 4 });
    expect(diff.events.map((e) => e.streamVersion)).toEqual([2, 3, 4, 5]);
    expect(diff).toMatchObject({ eventCount: 6, next: 6 });
  });

  it("refuses from after to (422), a version past the end (422) and an unknown stream (404)", async () => {
    const streamId = `order-${unique()}`;
    await appendToStream({ streamId, events: [placedV1("3"), placedV1("3")] });
    await expect(getStreamDiff({ streamId, from: { version: 2 }, to: { version: 1 }, pii: "masked" })).rejects.toMatchObject({ code: "validation_failed", status: 422 });
    await expect(getStreamDiff({ streamId, from: { version: 0 }, to: { version: 9 }, pii: "masked" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(getStreamDiff({ streamId: `order-${unique()}`, from: { version: 0 }, pii: "masked" })).rejects.toMatchObject({ code: "stream_not_found", status: 404 });
  });
});
