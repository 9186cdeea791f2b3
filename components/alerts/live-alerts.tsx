"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { FiringCount } from "@/lib/alerts/list-alerts";
import { FIRING_COUNT_KEY, useFiringCount } from "@/lib/alerts/use-firing-count";
import { AutoRefresh } from "@/components/ui/auto-refresh";

/**
 * Keeps the Alerts page and the badge on one count: the page's snapshot goes into the badge's
 * cache, and when the badge's poll sees another count the page re-renders at once (a deleted rule
 * takes its alerts with it); a slower refresh catches changes that leave the count as it was.
 */
export function LiveAlerts({ firing }: { firing: FiringCount }) {
  const queries = useQueryClient();
  const router = useRouter();
  const { data, dataUpdatedAt } = useFiringCount();
  const rendered = JSON.stringify(firing);
  useEffect(() => {
    queries.setQueryData(FIRING_COUNT_KEY, JSON.parse(rendered) as FiringCount);
  }, [queries, rendered]);
  useEffect(() => {
    if (data && JSON.stringify(data) !== rendered) router.refresh();
    // dataUpdatedAt: a poll that repeats a differing count asks again.
  }, [data, dataUpdatedAt, rendered, router]);
  return <AutoRefresh seconds={15} />;
}
