import { describe, expect, it } from "vitest";
import { appendToStream } from "./append-to-stream";
import { readStream } from "./read-stream";

describe("appendToStream (smoke)", () => {
  it("appends and reads back", async () => {
    const r = await appendToStream({ streamId: "order-1", events: [{ type: "OrderPlaced", schemaVersion: 1, data: { orderId: "1", customerId: "c", items: [{ sku: "a", quantity: 1, unitPrice: 2 }], total: 2 } }] });
    expect(r.fromVersion).toBe(1);
    const read = await readStream({ streamId: "order-1", pii: "masked" });
    expect(read.events[0].data.discountCode).toBeNull();
    expect(read.events[0].schemaVersion).toBe(2);
    const u = await appendToStream({ streamId: "user-u1", events: [{ type: "UserRegistered", data: { userId: "u1", email: "a@b.co", name: "Ann", country: "DE" } }] });
    expect(u.toVersion).toBe(1);
    const ru = await readStream({ streamId: "user-u1", pii: "clear" });
    expect(ru.events[0].data.email).toBe("a@b.co");
    const rm = await readStream({ streamId: "user-u1", pii: "masked" });
    expect(rm.events[0].data.email).toBe("[masked]");
  });
});
