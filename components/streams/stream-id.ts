import { streamIdProblem } from "@/lib/store/stream-id";

/**
 * The stream id from the URL segment, or null when it cannot be one. Links always encode the id
 * (streamHref), so the segment is decoded exactly once here; a malformed escape is no stream.
 */
export function streamIdFromSegment(segment: string): string | null {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return streamIdProblem(id) === null ? id : null;
}
