// The demo world's domain: Hindsight's default when HINDSIGHT_DOMAIN is unset, and the worked example of a domain module.
import { defineDomain } from "hindsight/domain";
import { eventTypes } from "./event-types";
import { accountBalancesV1, accountBalancesV2 } from "./projections/account-balances";
import { orderTotalsV1, orderTotalsV2 } from "./projections/order-totals";
import { userDirectoryV1 } from "./projections/user-directory";
import { accountReducer } from "./reducers/account-reducer";
import { orderReducer } from "./reducers/order-reducer";
import { profileReducer } from "./reducers/profile-reducer";
import { tickerReducer } from "./reducers/ticker-reducer";
import { userReducer } from "./reducers/user-reducer";

export const demoDomain = defineDomain({
  name: "demo",
  eventTypes,
  reducers: [tickerReducer, orderReducer, userReducer, profileReducer, accountReducer],
  projections: [accountBalancesV1, accountBalancesV2, orderTotalsV1, orderTotalsV2, userDirectoryV1],
});

export default demoDomain;
