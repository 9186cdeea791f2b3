/** The page of one stream. Ids may hold '/', '?', '#' or '%', so the segment is always encoded. */
export function streamHref(streamId: string, query = ""): string {
  return `/streams/${encodeURIComponent(streamId)}${query}`;
}
