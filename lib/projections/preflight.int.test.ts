import { expect, it } from "vitest";
import { appendToStream } from "../store/append-to-stream";
import { orderTotalsV2 } from "../../domains/demo/projections/order-totals";
import { preflight } from "./preflight";
import { startRebuild } from "./start-rebuild";
import { systemActor } from "../audit/actor";
import { buildInline } from "./build-inline";
import { getPool } from "../db";

const base = { customerId: "c1", items: [{ sku: "SKU-MUG-01", quantity: 2, unitPrice: 12.5 }], total: 25 };

it("refuses the order-totals version that reads stored v1 OrderPlaced, and accepts it once it reads the upcasted version", async () => {
  await appendToStream({ streamId: "order-1", events: [{ type: "OrderPlaced", schemaVersion: 1, data: { orderId: "1", ...base } }] });
  await appendToStream({ streamId: "order-1", events: [{ type: "OrderPlaced", schemaVersion: 1, data: { orderId: "1", ...base } }] });
  await appendToStream({ streamId: "order-2", events: [{ type: "OrderPlaced", schemaVersion: 2, data: { orderId: "2", ...base, total: 22.5, discountCode: "WELCOME10" } }, { type: "OrderPaid", data: { orderId: "2", amount: 22.5, method: "card" } }] });

  // As first written, v2 read events as stored: a v1 OrderPlaced has no discountCode, which it would count as discounted.
  const asStored = { ...orderTotalsV2, upcast: false };
  const refused = await preflight(asStored);
  expect(refused.ok).toBe(false);
  expect(refused.offenders.map((o) => [o.type, o.storedVersion, o.events])).toEqual([["OrderPlaced", 1, 2]]);
  expect(refused.reads.map((r) => [r.type, r.storedVersion, r.accepted])).toEqual([["OrderPaid", 1, true], ["OrderPlaced", 1, false], ["OrderPlaced", 2, true]]);
  expect(refused.events).toBe(4);

  // As shipped, it declares the upcasted version: v1 events reach it as v2 (discountCode null).
  const accepted = await preflight(orderTotalsV2);
  expect(accepted.ok).toBe(true);
  expect(accepted.offenders).toEqual([]);
  expect(accepted.reads.find((r) => r.type === "OrderPlaced" && r.storedVersion === 1)).toMatchObject({ type: "OrderPlaced", deliveredVersion: 2, upcasted: true, accepted: true });
  expect(accepted.maxPartitions).toBeGreaterThan(1);

  const { versionId } = await startRebuild({ name: "order-totals", codeVersion: 2, partitions: 2, actor: systemActor("test") });
  await buildInline(versionId);
  const { rows } = await getPool().query<{ key: string; state: { discounted: boolean; gross: number; status: string } }>("SELECT key, state FROM projection_rows WHERE version_id = $1 ORDER BY key", [versionId]);
  expect(rows.map((r) => [r.key, r.state.discounted, r.state.gross, r.state.status])).toEqual([["order-1", false, 25, "placed"], ["order-2", true, 25, "paid"]]);
});

it("runs a projection whose key spans streams as one partition in log order", async () => {
  const check = await preflight((await import("../../domains/demo/projections/user-directory")).userDirectoryV1);
  expect(check.maxPartitions).toBe(1);
  const { partitions } = await startRebuild({ name: "user-directory", codeVersion: 1, partitions: 8, actor: systemActor("test") });
  expect(partitions).toBe(1);
});
