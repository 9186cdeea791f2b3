import type { AnyReducer } from "../reducer";
import { accountReducer } from "./account-reducer";
import { genericReducer } from "./generic-reducer";
import { orderReducer } from "./order-reducer";
import { profileReducer } from "./profile-reducer";
import { tickerReducer } from "./ticker-reducer";
import { userReducer } from "./user-reducer";

/** Every category with a reducer of its own (the demo domain). */
export const REDUCERS: readonly AnyReducer[] = [tickerReducer, orderReducer, userReducer, profileReducer, accountReducer];

const byCategory = new Map(REDUCERS.map((r) => [r.category, r]));

/** The reducer for a stream category: its own, or the generic one, so every stream has a state. */
export function reducerFor(category: string): AnyReducer {
  return byCategory.get(category) ?? genericReducer;
}
