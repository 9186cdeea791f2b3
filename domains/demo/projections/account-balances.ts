import { cents, num, text, defineProjection, type ProjectionEvent } from "hindsight/domain";

export type AccountBalance = {
  accountId: string;
  ownerId: string | null;
  currency: string | null;
  balance: number;
  deposited: number;
  withdrawn: number;
  /** How many events were applied to this row: a replay that applied one twice shows here. */
  events: number;
};

const base = {
  name: "account-balances",
  title: "Account balances",
  categories: ["account"],
  accepts: [
    { type: "AccountOpened", versions: [1] },
    { type: "FundsDeposited", versions: [1] },
    { type: "FundsWithdrawn", versions: [1] },
  ],
  upcast: true,
  key: (e: ProjectionEvent) => e.streamId,
  keyFromStreamIdOnly: true,
  // Practised every night at 03:00 UTC: recovery must take under ten minutes.
  drill: { cron: "0 3 * * *", rtoSeconds: 600, partitions: 2 },
  initialState: (key: string): AccountBalance => ({ accountId: key.slice("account-".length), ownerId: null, currency: null, balance: 0, deposited: 0, withdrawn: 0, events: 0 }),
};

/**
 * v1, live in the demo world: the withdrawal case falls through into the deposit case, so every
 * withdrawal is added to the balance (and counted as a deposit). Accounts that never withdrew are right.
 */
export const accountBalancesV1 = defineProjection<AccountBalance>({
  ...base,
  version: 1,
  changes: "First version.",
  evolve(state, e) {
    const amount = num(e.data, "amount") ?? 0;
    const next = { ...state, events: state.events + 1 };
    switch (e.type) {
      case "AccountOpened":
        return { ...next, ownerId: text(e.data, "ownerId"), currency: text(e.data, "currency") };
      case "FundsWithdrawn":
      case "FundsDeposited":
        return { ...next, balance: cents(state.balance + amount), deposited: cents(state.deposited + amount) };
      default:
        return next;
    }
  },
});

/** v2: withdrawals are subtracted (the fix for v1's fall-through). */
export const accountBalancesV2 = defineProjection<AccountBalance>({
  ...base,
  version: 2,
  changes: "Withdrawals are subtracted from the balance; v1 added them as deposits.",
  evolve(state, e) {
    const amount = num(e.data, "amount") ?? 0;
    const next = { ...state, events: state.events + 1 };
    switch (e.type) {
      case "AccountOpened":
        return { ...next, ownerId: text(e.data, "ownerId"), currency: text(e.data, "currency") };
      case "FundsDeposited":
        return { ...next, balance: cents(state.balance + amount), deposited: cents(state.deposited + amount) };
      case "FundsWithdrawn":
        return { ...next, balance: cents(state.balance - amount), withdrawn: cents(state.withdrawn + amount) };
      default:
        return next;
    }
  },
});
