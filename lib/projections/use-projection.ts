import { useQuery } from "@tanstack/react-query";
import { fetchApi } from "../browser/api-client";
import type { ProjectionDetail } from "./projection-views";

/** A projection's versions, progress and lag, polled every second while the page is open. */
export function useProjection(name: string, initial: ProjectionDetail) {
  return useQuery({
    queryKey: ["projection", name],
    queryFn: ({ signal }) => fetchApi<ProjectionDetail>(`/api/v1/projections/${encodeURIComponent(name)}`, signal),
    initialData: initial,
    refetchInterval: 1_000,
    staleTime: 0,
  });
}
