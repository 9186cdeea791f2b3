import { useQueries } from "@tanstack/react-query";
import { fetchApi, streamApiPath } from "./fetch-api";
import type { EventsPage, EventView } from "./types";

/** Events per timeline page: one request fills a screenful several times over. */
export const TIMELINE_PAGE_SIZE = 200;

/** The page of the timeline that holds a version (versions are dense, 1-based). */
export function pageOfVersion(version: number): number {
  return Math.floor((Math.max(version, 1) - 1) / TIMELINE_PAGE_SIZE);
}

/**
 * The pages of a stream's events the timeline needs now, fetched on demand and cached by
 * react-query, so a 100 000-event stream only ever loads what is on screen. Returns the events
 * loaded so far by version.
 */
export function useEventPages(streamId: string, pages: number[]): { byVersion: Map<number, EventView>; error: Error | null } {
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: ["stream-events", streamId, page],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchApi<EventsPage>(streamApiPath(streamId, "events", { fromVersion: page * TIMELINE_PAGE_SIZE + 1, limit: TIMELINE_PAGE_SIZE }), signal),
      // A stream's past never changes (appends only add versions), so a page stays good.
      staleTime: Infinity,
    })),
  });
  const byVersion = new Map<number, EventView>();
  let error: Error | null = null;
  for (const r of results) {
    for (const e of r.data?.events ?? []) byVersion.set(e.streamVersion, e);
    error ??= r.error;
  }
  return { byVersion, error };
}
