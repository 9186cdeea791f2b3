import { cents, num, text, defineProjection, type ProjectionEvent } from "hindsight/domain";

export type OrderTotal = {
  orderId: string;
  customerId: string | null;
  status: "placed" | "paid" | "shipped" | "cancelled";
  total: number;
  paid: number;
  /** v2: the price before the discount, and the code that gave it (null: none). */
  gross?: number;
  discountCode?: string | null;
  discounted?: boolean;
};

const otherTypes = [
  { type: "OrderPaid", versions: [1] },
  { type: "OrderShipped", versions: [1] },
  { type: "OrderCancelled", versions: [1] },
];

const base = {
  name: "order-totals",
  title: "Order totals",
  categories: ["order"],
  key: (e: ProjectionEvent) => e.streamId,
  keyFromStreamIdOnly: true,
  initialState: (key: string): OrderTotal => ({ orderId: key.slice("order-".length), customerId: null, status: "placed", total: 0, paid: 0 }),
};

function evolveLifecycle(state: OrderTotal, e: ProjectionEvent): OrderTotal {
  switch (e.type) {
    case "OrderPaid":
      return { ...state, status: "paid", paid: cents(state.paid + (num(e.data, "amount") ?? 0)) };
    case "OrderShipped":
      return { ...state, status: "shipped" };
    case "OrderCancelled":
      return { ...state, status: "cancelled" };
    default:
      return state;
  }
}

function gross(items: unknown): number {
  if (!Array.isArray(items)) return 0;
  return cents(items.reduce((sum: number, i: { quantity?: number; unitPrice?: number }) => sum + (i.quantity ?? 0) * (i.unitPrice ?? 0), 0));
}

/** v1: totals and status. Reads OrderPlaced after upcasting (v2 shape), ignoring the discount code. */
export const orderTotalsV1 = defineProjection<OrderTotal>({
  ...base,
  version: 1,
  changes: "First version.",
  accepts: [{ type: "OrderPlaced", versions: [2] }, ...otherTypes],
  upcast: true,
  evolve(state, e) {
    if (e.type === "OrderPlaced") return { ...state, customerId: text(e.data, "customerId"), total: num(e.data, "total") ?? 0 };
    return evolveLifecycle(state, e);
  },
});

/**
 * v2: adds the gross price and the discount code. It tests `discountCode !== null`, so a v1
 * OrderPlaced read as stored (no discountCode at all) would count as discounted: it must read
 * upcasted events, where v1's upcaster sets the code to null.
 */
export const orderTotalsV2 = defineProjection<OrderTotal>({
  ...base,
  version: 2,
  changes: "Adds the gross price and the discount code of each order (OrderPlaced v2).",
  accepts: [{ type: "OrderPlaced", versions: [2] }, ...otherTypes],
  upcast: true,
  evolve(state, e) {
    if (e.type === "OrderPlaced") {
      const code = e.data.discountCode as string | null;
      return {
        ...state,
        customerId: text(e.data, "customerId"),
        total: num(e.data, "total") ?? 0,
        gross: gross(e.data.items),
        discountCode: code ?? null,
        discounted: code !== null,
      };
    }
    return evolveLifecycle(state, e);
  },
});
