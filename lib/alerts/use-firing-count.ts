import { useQuery } from "@tanstack/react-query";
import { fetchApi } from "../browser/api-client";
import type { FiringCount } from "./list-alerts";

/** One cache entry for "how many alerts fire": the badge polls it and the Alerts page writes its own snapshot into it. */
export const FIRING_COUNT_KEY = ["alerts", "firing-count"] as const;
export const FIRING_POLL_MS = 5_000;

/** The firing count per severity, refreshed every few seconds while the page is open. */
export function useFiringCount() {
  return useQuery({
    queryKey: FIRING_COUNT_KEY,
    queryFn: async (): Promise<FiringCount> => (await fetchApi<{ firing: FiringCount }>("/api/v1/alerts?limit=0")).firing,
    refetchInterval: FIRING_POLL_MS,
    staleTime: 0,
  });
}
