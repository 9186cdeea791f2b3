import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchApi } from "../browser/api-client";
import type { DiffKind, VersionDiff } from "./diff-versions";

/** Green against the live version, filtered; refetched when `stamp` changes (green moved on). */
export function useVersionDiff(name: string, filter: { green: number | null; kind: DiffKind | ""; prefix: string }, stamp: string) {
  const params = new URLSearchParams({ limit: "20" });
  if (filter.green) params.set("green", String(filter.green));
  if (filter.kind) params.set("kind", filter.kind);
  if (filter.prefix) params.set("prefix", filter.prefix);
  return useQuery({
    queryKey: ["projection-diff", name, params.toString(), stamp],
    queryFn: ({ signal }) => fetchApi<{ diff: VersionDiff | null }>(`/api/v1/projections/${encodeURIComponent(name)}/diff?${params}`, signal),
    placeholderData: keepPreviousData,
    enabled: filter.green !== null,
  });
}
