// The time machine's react-query keys, shared by the browser hooks and the server that seeds
// the first view (lib/stream-page/seed-view.ts), so a seeded entry is the one a hook reads.

/** One page of a stream's events (TIMELINE_PAGE_SIZE events from page × size + 1). */
export const eventsPageKey = (streamId: string, page: number) => ["stream-events", streamId, page] as const;

/** A stream's state as of a version. */
export const streamStateKey = (streamId: string, version: number) => ["stream-state", streamId, version] as const;

/** Events per timeline page: one request fills a screenful several times over. */
export const TIMELINE_PAGE_SIZE = 200;

/** The page of the timeline that holds a version (versions are dense, 1-based). */
export function pageOfVersion(version: number): number {
  return Math.floor((Math.max(version, 1) - 1) / TIMELINE_PAGE_SIZE);
}
