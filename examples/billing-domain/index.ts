// A worked domain module (README "Bring your domain"): two event types, one PII field, one upcast,
// one reducer and one projection. Tests copy this folder outside the checkout and point HINDSIGHT_DOMAIN at it.
import { defineDomain, defineProjection, num, text, z, type Reducer } from "hindsight/domain";

const customerId = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/);
const registeredV1 = z.object({ customerId, email: z.string().email() });

/** `customer-<id>` folds to this: who they are (email stays sealed) and what they were invoiced. */
type Customer = { customerId: string | null; email: unknown; plan: string | null; invoiced: number; invoices: number };

const customerReducer: Reducer<Customer> = {
  category: "customer",
  version: 1,
  reads: ["CustomerRegistered", "InvoiceIssued"],
  initialState: () => ({ customerId: null, email: null, plan: null, invoiced: 0, invoices: 0 }),
  evolve: (state, { type, data }) => {
    if (type === "CustomerRegistered") return { ...state, customerId: text(data, "customerId"), email: data.email ?? null, plan: text(data, "plan") };
    if (type === "InvoiceIssued") return { ...state, invoiced: state.invoiced + (num(data, "amount") ?? 0), invoices: state.invoices + 1 };
    return state;
  },
};

/** One row per plan: how many customers chose it. */
const customersPerPlan = defineProjection<{ plan: string; customers: number }>({
  name: "customers-per-plan",
  version: 1,
  title: "Customers per plan",
  changes: "First version.",
  categories: ["customer"],
  accepts: [{ type: "CustomerRegistered", versions: [2] }],
  upcast: true,
  key: (e) => (e.type === "CustomerRegistered" ? String(e.data.plan) : null),
  keyFromStreamIdOnly: false,
  initialState: (plan) => ({ plan, customers: 0 }),
  evolve: (state) => ({ ...state, customers: state.customers + 1 }),
});

export default defineDomain({
  name: "billing",
  eventTypes: [
    {
      type: "CustomerRegistered",
      description: "A customer signed up. The email is personal data; v2 added the plan.",
      versions: [
        {
          schema: registeredV1,
          pii: [{ path: "email" }],
          subject: (d) => String(d.customerId),
          upcastNote: "plan did not exist in v1: those customers are on 'free'",
          upcast: (d) => ({ ...d, plan: "free" }),
        },
        { schema: registeredV1.extend({ plan: z.enum(["free", "team", "enterprise"]) }), pii: [{ path: "email" }], subject: (d) => String(d.customerId) },
      ],
    },
    {
      type: "InvoiceIssued",
      description: "An invoice was sent to a customer.",
      versions: [{ schema: z.object({ customerId, amount: z.number().positive() }) }],
    },
  ],
  reducers: [customerReducer],
  projections: [customersPerPlan],
  snapshotPolicies: [{ category: "customer", everyNEvents: 50 }],
});
