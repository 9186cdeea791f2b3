import { describe, expect, it } from "vitest";
import { appendToStream } from "../store/append-to-stream";
import { unique } from "../testing/expectations";
import { listSchemaUsage } from "./list-schema-usage";

// The Schemas page's overview, over a fresh store holding a known mix of types and versions.

describe("listSchemaUsage", () => {
  it("given OrderPlaced v1 and v2, users with PII and an unregistered type, then counts per version, the upcaster chain and PII fields", async () => {
    const order = { customerId: "c", items: [{ sku: "A", quantity: 1, unitPrice: 1 }], total: 1 };
    await appendToStream({
      streamId: `order-${unique()}`,
      events: [
        { type: "OrderPlaced", schemaVersion: 1, data: { orderId: "1", ...order } },
        { type: "OrderPlaced", schemaVersion: 1, data: { orderId: "2", ...order } },
        { type: "OrderPlaced", schemaVersion: 2, data: { orderId: "3", ...order, discountCode: null } },
      ],
    });
    const userId = `u${unique()}`;
    await appendToStream({ streamId: `user-${userId}`, events: [{ type: "UserRegistered", data: { userId, email: `${userId}@example.org`, name: "N", country: "DE" } }] });
    await appendToStream({ streamId: `gizmo-${unique()}`, events: [{ type: "GizmoMade", data: {} }, { type: "GizmoMade", schemaVersion: 3, data: {} }] });

    const usage = await listSchemaUsage();
    const placed = usage.registered.find((t) => t.type === "OrderPlaced")!;
    expect(placed).toMatchObject({ latestVersion: 2, stored: 3, piiFields: [], unknownVersions: [] });
    expect(placed.versions).toEqual([
      { version: 1, stored: 2, pii: [], upcastsTo: { from: 1, to: 2, note: expect.stringContaining("discountCode") } },
      { version: 2, stored: 1, pii: [], upcastsTo: null },
    ]);
    expect(placed.upcasterChain).toEqual([{ from: 1, to: 2, note: expect.stringContaining("discountCode") }]);
    expect(usage.registered.find((t) => t.type === "UserRegistered")).toMatchObject({ stored: 1, piiFields: ["email", "name"] });
    expect(usage.registered.find((t) => t.type === "FundsWithdrawn")).toMatchObject({ stored: 0, versions: [{ version: 1, stored: 0 }] });
    expect(usage.registered.map((t) => t.type)).not.toContain("GizmoMade");
    expect(usage.unregistered).toEqual([{ type: "GizmoMade", stored: 2, versions: [{ version: 1, stored: 1 }, { version: 3, stored: 1 }] }]);
  });
});
