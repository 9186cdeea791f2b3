import { cents, num, text, type Reducer } from "hindsight/domain";

/** An account's balance and movement counts. */
export type AccountState = {
  accountId: string | null;
  owner: string | null;
  currency: string | null;
  open: boolean;
  balance: number;
  deposits: number;
  withdrawals: number;
};

/** `account-<n>`: AccountOpened, then FundsDeposited / FundsWithdrawn. */
export const accountReducer: Reducer<AccountState> = {
  category: "account",
  version: 1,
  reads: ["AccountOpened", "FundsDeposited", "FundsWithdrawn"],
  initialState: () => ({ accountId: null, owner: null, currency: null, open: false, balance: 0, deposits: 0, withdrawals: 0 }),
  evolve: (state, { type, data }) => {
    switch (type) {
      case "AccountOpened":
        return { ...state, accountId: text(data, "accountId"), owner: text(data, "ownerId"), currency: text(data, "currency"), open: true };
      case "FundsDeposited":
        return { ...state, balance: cents(state.balance + (num(data, "amount") ?? 0)), deposits: state.deposits + 1 };
      case "FundsWithdrawn":
        return { ...state, balance: cents(state.balance - (num(data, "amount") ?? 0)), withdrawals: state.withdrawals + 1 };
      default:
        return state;
    }
  },
};
