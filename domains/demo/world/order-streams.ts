import type { AppendOptions } from "../../../lib/store/append-to-stream";
import { CANCEL_REASONS, CARRIERS, DISCOUNT_CODES, FLASH_CODE, PAYMENT_METHODS, PRODUCTS } from "./demo-catalog";
import { StreamHistory, type DemoTask, type WorldContext } from "./demo-task";
import { Rng, seedFor } from "./prng";
import { allocate, DAY_MS, slotWeights, timesInSlot, type VolumeShape } from "./timeline";
import { customerAt, type UserDirectory } from "./user-directory";

const MINUTE_US = 60_000_000;

export const ORDER_SHAPE: VolumeShape = {
  growth: [0.85, 1.15],
  diurnal: [0.25, 0.2, 0.15, 0.15, 0.2, 0.3, 0.5, 0.8, 1, 1.1, 1.2, 1.4, 1.5, 1.4, 1.3, 1.3, 1.4, 1.6, 1.8, 1.9, 1.7, 1.3, 0.8, 0.4],
  weekend: 0.75,
  spike: 6,
};

/** Placement times (µs) of every order, ascending: order n is the n-th placed. */
export function planOrderTimes(ctx: WorldContext, count: number): number[] {
  const rng = new Rng(seedFor(ctx.seed, "orders/times"));
  const perSlot = allocate(count, slotWeights(ctx.slots, ORDER_SHAPE, ctx.period), rng);
  return ctx.slots.flatMap((slot, i) => timesInSlot(rng, slot, perSlot[i]));
}

/** One task per order: `order-<n>` written in one append (its whole life, up to now). */
export function planOrderStreams(ctx: WorldContext, placedAt: number[], dir: UserDirectory): DemoTask[] {
  return placedAt.map((at, i) => ({
    key: `order-${i + 1}`,
    kind: "orders" as const,
    appends: () => orderHistory(ctx, i + 1, at, dir).toAppends(),
  }));
}

function orderHistory(ctx: WorldContext, n: number, placed: number, dir: UserDirectory): StreamHistory {
  const { seed, period } = ctx;
  const end = period.end * 1000;
  const rng = new Rng(seedFor(seed, `order/${n}`));
  const order = new StreamHistory(seed, `order-${n}`);
  const orderId = String(n);
  const items = Array.from({ length: rng.pick([1, 1, 1, 2, 2, 3, 4]) }, () => {
    const product = rng.pick(PRODUCTS);
    return { sku: product.sku, quantity: rng.pick([1, 1, 1, 2, 3]), unitPrice: product.price };
  });
  const gross = items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
  const onSpikeDay = period.spikeDay !== null && placed >= period.spikeDay * 1000 && placed < (period.spikeDay + DAY_MS) * 1000;
  // v1 before the cutover (no discount codes yet); v2 after, with a code on some orders.
  const v2 = placed >= ctx.cutover * 1000;
  const discount = !v2 ? null : onSpikeDay && rng.chance(0.8) ? FLASH_CODE : rng.chance(0.3) ? rng.pick(DISCOUNT_CODES) : null;
  const total = Math.round(gross * (1 - (discount?.off ?? 0)) * 100) / 100;
  const correlationId = order.ids.correlation(0);
  // Renewals come from the subscription process manager, itself two steps from the original command.
  const renewal = rng.chance(0.12);
  const base = { orderId, customerId: customerAt(dir, rng, placed), items, total };
  const placedId = order.add(placed, {
    type: "OrderPlaced",
    schemaVersion: v2 ? 2 : 1,
    data: v2 ? { ...base, discountCode: discount?.code ?? null } : base,
    correlationId,
    causationId: order.ids.command(1),
    metadata: renewal ? { command: "PlaceOrder", causationDepth: 2, channel: "subscription" } : { command: "PlaceOrder", causationDepth: 0, channel: rng.pick(["web", "web", "app"]) },
  });
  const next = (after: number, minMinutes: number, maxMinutes: number) => after + Math.floor(rng.between(minMinutes, maxMinutes) * MINUTE_US);

  if (rng.chance(0.1)) {
    const at = next(placed, 5, 2 * 24 * 60);
    if (at < end) {
      order.add(at, { type: "OrderCancelled", data: { orderId, reason: rng.pick(CANCEL_REASONS) }, correlationId, causationId: order.ids.command(2), metadata: { command: "CancelOrder", causationDepth: 0 } });
    }
    return order;
  }
  const paidAt = next(placed, 0.5, 30);
  if (paidAt >= end) return order;
  const paidId = order.add(paidAt, { type: "OrderPaid", data: { orderId, amount: total, method: rng.pick(PAYMENT_METHODS) }, correlationId, causationId: placedId, metadata: { handler: "payments" } });
  const shippedAt = next(paidAt, 120, 3 * 24 * 60);
  if (shippedAt >= end) return order;
  if (rng.chance(0.04)) {
    order.add(shippedAt, { type: "OrderCancelled", data: { orderId, reason: "out of stock" }, correlationId, causationId: paidId, metadata: { handler: "fulfilment" } });
  } else {
    const carrier = rng.pick(CARRIERS);
    const trackingNumber = `${carrier.slice(0, 2).toUpperCase()}${rng.int(100_000_000, 999_999_999)}`;
    order.add(shippedAt, { type: "OrderShipped", data: { orderId, carrier, trackingNumber }, correlationId, causationId: paidId, metadata: { handler: "fulfilment" } });
  }
  return order;
}
