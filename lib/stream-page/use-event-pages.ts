import { useQueries } from "@tanstack/react-query";
import { fetchApi, streamApiPath } from "../browser/api-client";
import { eventsPageKey, pageOfVersion, TIMELINE_PAGE_SIZE } from "./query-keys";
import type { EventsPage, EventView } from "./types";

export { pageOfVersion, TIMELINE_PAGE_SIZE };

/**
 * The pages of a stream's events the timeline needs now, fetched on demand and cached by
 * react-query, so a 100 000-event stream only ever loads what is on screen. `fetchPages` are the
 * ones that may be requested (default: all). Returns the events loaded so far by version.
 */
export function useEventPages(streamId: string, pages: number[], fetchPages: number[] = pages): LoadedEvents {
  return useQueries({
    queries: pages.map((page) => ({
      queryKey: eventsPageKey(streamId, page),
      // Pages not (yet) worth a request still show what the cache holds.
      enabled: fetchPages.includes(page),
      // A page never changes once read: no need to compare 200 events with the previous copy.
      structuralSharing: false,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        // The time machine opens every point of the history: archived pages come from cold storage.
        fetchApi<EventsPage>(streamApiPath(streamId, "events", { fromVersion: page * TIMELINE_PAGE_SIZE + 1, limit: TIMELINE_PAGE_SIZE, includeArchived: "true" }), signal),
      // A stream's past never changes (appends only add versions), so a page stays good.
      staleTime: Infinity,
    })),
    combine: byVersion,
  });
}

type LoadedEvents = { byVersion: Map<number, EventView>; error: Error | null };

// Module-level, so react-query reruns it only when a page's data changes, not on every scroll frame.
function byVersion(results: { data?: EventsPage; error: Error | null }[]): LoadedEvents {
  const map = new Map<number, EventView>();
  let error: Error | null = null;
  for (const r of results) {
    for (const e of r.data?.events ?? []) map.set(e.streamVersion, e);
    error ??= r.error;
  }
  return { byVersion: map, error };
}
