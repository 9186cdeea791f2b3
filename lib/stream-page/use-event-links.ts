import { useQuery } from "@tanstack/react-query";
import { fetchApi } from "../browser/api-client";
import type { EventWithLinks } from "./types";

/** How many effects the drawer lists; the rest are counted. */
export const DRAWER_EFFECTS = 20;

/** One event by id with its cause and effects across streams (GET /api/v1/events/{id}), for the drawer's links. */
export function useEventLinks(eventId: string | null) {
  return useQuery({
    queryKey: ["event-links", eventId],
    queryFn: ({ signal }) => fetchApi<EventWithLinks>(`/api/v1/events/${encodeURIComponent(eventId!)}?effects=${DRAWER_EFFECTS}`, signal),
    enabled: eventId !== null,
    // Effects can still be appended later; a minute is fresh enough for a drawer.
    staleTime: 60_000,
  });
}
