import { useQuery } from "@tanstack/react-query";
import { fetchApi, streamApiPath } from "../browser/api-client";
import type { EventsPage } from "./types";

/** One event exactly as stored (raw=true: not upcast), for the drawer's side-by-side view. */
export function useStoredEvent(streamId: string, version: number | null) {
  return useQuery({
    queryKey: ["stream-event-raw", streamId, version],
    queryFn: async ({ signal }) => {
      const page = await fetchApi<EventsPage>(streamApiPath(streamId, "events", { fromVersion: version!, limit: 1, raw: "true" }), signal);
      return page.events[0] ?? null;
    },
    enabled: version !== null && version > 0,
    staleTime: Infinity,
  });
}
