import { currentDomain } from "../../domain/current-domain";
import type { AnyReducer } from "../reducer";
import { genericReducer } from "../generic-reducer";

const byDomain = new WeakMap<object, Map<string, AnyReducer>>();

/** The reducer for a stream category: the loaded domain's, or the generic one, so every stream has a state. */
export function reducerFor(category: string): AnyReducer {
  const domain = currentDomain();
  let map = byDomain.get(domain);
  if (!map) byDomain.set(domain, (map = new Map(domain.reducers.map((r) => [r.category, r]))));
  return map.get(category) ?? genericReducer;
}
