import { useQuery } from "@tanstack/react-query";
import { fetchApi, streamApiPath } from "../browser/api-client";
import type { DiffResponse } from "./types";

/** Field-level changes between two versions of a stream and the events in between; idle without a second point. */
export function useStreamDiff(streamId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: ["stream-diff", streamId, from, to],
    queryFn: ({ signal }) => fetchApi<DiffResponse>(streamApiPath(streamId, "diff", { from: from!, to: to!, limit: 200 }), signal),
    enabled: from !== null && to !== null && from !== to,
    staleTime: Infinity,
  });
}
