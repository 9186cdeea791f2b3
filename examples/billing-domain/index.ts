// A worked domain module (README "Bring your domain"): two event types, one PII field, one upcast,
// one reducer and one projection (in two versions). Tests copy this folder outside the checkout and point HINDSIGHT_DOMAIN at it.
import { defineDomain, defineProjection, num, text, z, type ProjectionEvent, type Reducer } from "hindsight/domain";

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

/** One row per plan: how many customers chose it (v2 adds a label; a blue/green rebuild switches to it). */
const perPlan = {
  name: "customers-per-plan",
  title: "Customers per plan",
  categories: ["customer"],
  accepts: [{ type: "CustomerRegistered", versions: [2] }],
  upcast: true,
  key: (e: ProjectionEvent) => (e.type === "CustomerRegistered" ? String(e.data.plan) : null),
  keyFromStreamIdOnly: false,
  readColumns: [{ name: "customers", type: "bigint" as const }],
};
const customersPerPlanV1 = defineProjection<{ plan: string; customers: number }>({
  ...perPlan,
  version: 1,
  changes: "First version.",
  initialState: (plan) => ({ plan, customers: 0 }),
  evolve: (state) => ({ ...state, customers: state.customers + 1 }),
});
const customersPerPlanV2 = defineProjection<{ plan: string; label: string; customers: number }>({
  ...perPlan,
  version: 2,
  changes: "Adds the plan's display label.",
  initialState: (plan) => ({ plan, label: plan.toUpperCase(), customers: 0 }),
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
  projections: [customersPerPlanV1, customersPerPlanV2],
  snapshotPolicies: [{ category: "customer", everyNEvents: 50 }],
});
