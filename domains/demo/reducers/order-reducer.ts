import { isPlainObject, cents, num, text, type Reducer } from "hindsight/domain";

export type OrderItem = { sku: string | null; quantity: number | null; unitPrice: number | null };

/** An order's life: placed → paid → shipped, or cancelled. */
export type OrderState = {
  orderId: string | null;
  customerId: string | null;
  status: "none" | "placed" | "paid" | "shipped" | "cancelled";
  items: OrderItem[];
  total: number | null;
  // null for orders placed before codes existed: OrderPlaced v1's upcaster says so explicitly.
  discountCode: string | null;
  paid: boolean;
  payment: { amount: number | null; method: string | null } | null;
  shipped: boolean;
  shipment: { carrier: string | null; trackingNumber: string | null } | null;
  cancelReason: string | null;
};

/** `order-<n>`: OrderPlaced (v1 upcast to v2), OrderPaid, OrderShipped, OrderCancelled. */
export const orderReducer: Reducer<OrderState> = {
  category: "order",
  version: 1,
  reads: ["OrderPlaced", "OrderPaid", "OrderShipped", "OrderCancelled"],
  initialState: () => ({
    orderId: null,
    customerId: null,
    status: "none",
    items: [],
    total: null,
    discountCode: null,
    paid: false,
    payment: null,
    shipped: false,
    shipment: null,
    cancelReason: null,
  }),
  evolve: (state, { type, data }) => {
    switch (type) {
      case "OrderPlaced": {
        const items = Array.isArray(data.items) ? data.items.filter(isPlainObject) : [];
        return {
          ...state,
          orderId: text(data, "orderId"),
          customerId: text(data, "customerId"),
          status: "placed",
          items: items.map((i) => ({ sku: text(i, "sku"), quantity: num(i, "quantity"), unitPrice: num(i, "unitPrice") })),
          total: num(data, "total"),
          discountCode: text(data, "discountCode"),
        };
      }
      case "OrderPaid": {
        const amount = num(data, "amount");
        return { ...state, status: "paid", paid: true, payment: { amount: amount === null ? null : cents(amount), method: text(data, "method") } };
      }
      case "OrderShipped":
        return { ...state, status: "shipped", shipped: true, shipment: { carrier: text(data, "carrier"), trackingNumber: text(data, "trackingNumber") } };
      case "OrderCancelled":
        return { ...state, status: "cancelled", cancelReason: text(data, "reason") };
      default:
        return state;
    }
  },
};
