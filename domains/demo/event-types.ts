import { z, type EventTypeDef, type JsonObject } from "hindsight/domain";

// Subject ids name a person; the PII envelope format reserves ':' so they may not contain it.
const userId = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "userId: letters, digits, '_', '.' or '-'");
const money = z.number().finite();
const bySubject = (d: JsonObject) => String(d.userId);

const orderItem = z.object({ sku: z.string().min(1), quantity: z.number().int().positive(), unitPrice: money });
const orderPlacedV1 = z.object({ orderId: z.string().min(1), customerId: z.string().min(1), items: z.array(orderItem).min(1), total: money });

/** The demo world's event types: tickers, orders, users, profiles, accounts. */
export const eventTypes: EventTypeDef[] = [
  {
    type: "PriceTicked",
    description: "A market data tick: one per symbol many times a minute (an unbounded stream).",
    versions: [{ schema: z.object({ symbol: z.string().min(1), bid: money, ask: money, volume: z.number().int().nonnegative() }) }],
  },
  {
    type: "OrderPlaced",
    description: "A customer placed an order. v2 added an optional discount code.",
    versions: [
      {
        schema: orderPlacedV1,
        upcastNote: "discountCode did not exist in v1: it defaults to null",
        upcast: (d) => ({ ...d, discountCode: null }),
      },
      { schema: orderPlacedV1.extend({ discountCode: z.string().min(1).nullable() }) },
    ],
  },
  {
    type: "OrderPaid",
    description: "Payment for an order was captured.",
    versions: [{ schema: z.object({ orderId: z.string().min(1), amount: money, method: z.enum(["card", "invoice", "wallet"]) }) }],
  },
  {
    type: "OrderShipped",
    description: "An order left the warehouse.",
    versions: [{ schema: z.object({ orderId: z.string().min(1), carrier: z.string().min(1), trackingNumber: z.string().min(1) }) }],
  },
  {
    type: "OrderCancelled",
    description: "An order was cancelled before shipping.",
    versions: [{ schema: z.object({ orderId: z.string().min(1), reason: z.string() }) }],
  },
  {
    type: "UserRegistered",
    description: "A person signed up. Email and name are personal data.",
    versions: [
      {
        schema: z.object({ userId, email: z.string().email(), name: z.string().min(1), country: z.string().length(2) }),
        pii: [{ path: "email" }, { path: "name" }],
        subject: bySubject,
      },
    ],
  },
  {
    type: "UserUpdated",
    description: "A person's account details changed (also emitted by the profile sync).",
    versions: [
      {
        schema: z.object({ userId, name: z.string().min(1).optional(), email: z.string().email().optional(), source: z.string().optional() }),
        pii: [{ path: "email" }, { path: "name" }],
        subject: bySubject,
      },
    ],
  },
  {
    type: "ProfileUpdated",
    description: "A public profile changed (the profile sync mirrors it back to the user).",
    versions: [
      {
        schema: z.object({ userId, displayName: z.string().min(1), bio: z.string().optional() }),
        pii: [{ path: "displayName" }],
        subject: bySubject,
      },
    ],
  },
  {
    type: "AccountOpened",
    description: "A customer opened an account.",
    versions: [{ schema: z.object({ accountId: z.string().min(1), ownerId: z.string().min(1), currency: z.string().length(3) }) }],
  },
  {
    type: "FundsDeposited",
    description: "Money was paid into an account.",
    versions: [{ schema: z.object({ accountId: z.string().min(1), amount: money.positive() }) }],
  },
  {
    type: "FundsWithdrawn",
    description: "Money was taken out of an account.",
    versions: [{ schema: z.object({ accountId: z.string().min(1), amount: money.positive() }) }],
  },
];

