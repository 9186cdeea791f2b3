import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchApi, streamApiPath } from "../browser/api-client";
import { streamStateKey } from "./query-keys";
import type { StateAtResponse } from "./types";

/** The stream's state as of a version (the time machine's cursor); the previous one stays while the next loads. */
export function useStreamState(streamId: string, version: number) {
  return useQuery({
    queryKey: streamStateKey(streamId, version),
    queryFn: ({ signal }) => fetchApi<StateAtResponse>(streamApiPath(streamId, "state", { version }), signal),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
