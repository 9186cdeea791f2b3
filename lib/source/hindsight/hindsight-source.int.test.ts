import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { appendToStream } from "../../store/append-to-stream";
import { decodeCursor, encodeCursor } from "../../store/log-cursor";
import { readAll } from "../../store/read-all";
import { openHindsightSource } from ".";

describe("Hindsight's own store as a source", () => {
  it("reads the log with the same v1: cursors as the API, so cursors handed out before stay valid", async () => {
    const id = randomUUID().slice(0, 8);
    await appendToStream({ streamId: `order-${id}`, events: [{ type: "OrderShipped", data: { orderId: id, carrier: "dhl", trackingNumber: "1" } }] });
    await appendToStream({ streamId: `order-${id}b`, events: [{ type: "OrderShipped", data: { orderId: id, carrier: "ups", trackingNumber: "2" } }] });
    const source = openHindsightSource();
    // The snapshot xmin is cluster-wide: another test file's open transaction may hold the log back for a moment.
    await vi.waitFor(async () => expect((await readAll({ pii: "clear" })).events).toHaveLength(2), { timeout: 10_000, interval: 25 });
    const api = await readAll({ limit: 1, pii: "clear" });
    // A cursor from the API's read continues in the source's read, and the source hands out the same kind.
    const page = await source.readLog(api.next, { limit: 10 });
    expect(page.events.map((e) => e.streamId)).toEqual([`order-${id}b`]);
    expect(page.events[0]).toMatchObject({ streamVersion: 1, category: "order", tenant: null });
    expect(decodeCursor(page.cursor)).toEqual(decodeCursor((await readAll({ pii: "clear" })).next));
    expect(page.caughtUp).toBe(true);
    expect(encodeCursor(decodeCursor(page.cursor))).toBe(page.cursor);

    expect((await source.readStream(`order-${id}`)).map((e) => e.type)).toEqual(["OrderShipped"]);
    expect(await source.countEvents({ category: "order" })).toBe(2);
    expect((await source.listStreams({ prefix: "order-", limit: 5 })).map((s) => s.streamId)).toEqual([`order-${id}`, `order-${id}b`]);
    expect(await source.check()).toEqual({ ok: true, problems: [] });
  });
});
