"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { ProgressBar } from "@/components/ui/progress-bar";
import { fetchApi } from "@/lib/browser/api-client";
import { STATE_LABELS, type ErasureState } from "@/lib/compliance/erasure-states";
import { formatInteger } from "@/lib/format";

type Snapshot = { status: ErasureState; progress: { phase: string; done: number; total: number | null } | null };

const MOVING: ErasureState[] = ["approved", "executing", "verifying"];

/**
 * Follows a request while its jobs run: polls the API every second, shows the current phase
 * with a bar, and refreshes the page when the state changes.
 */
export function RequestProgress({ requestId, initial }: { requestId: string; initial: Snapshot }) {
  const router = useRouter();
  const { data } = useQuery({
    // Keyed by the state the page rendered: after the page refreshes, polling starts from what it shows.
    queryKey: ["erasure-request", requestId, initial.status],
    queryFn: ({ signal }) => fetchApi<Snapshot>(`/api/v1/erasure-requests/${requestId}`, signal),
    initialData: initial,
    refetchInterval: (q) => (MOVING.includes(q.state.data?.status ?? initial.status) ? 1000 : false),
  });
  const seen = useRef(initial.status);
  useEffect(() => {
    if (data.status !== seen.current) {
      seen.current = data.status;
      router.refresh();
    }
  }, [data.status, router]);
  if (!MOVING.includes(data.status)) return null;
  const p = data.progress;
  return (
    <div className="erasure-progress" role="status" aria-live="polite">
      <div className="erasure-progress-label">
        <strong>{STATE_LABELS[data.status]}</strong>
        {p ? (
          <span>
            {" "}
            — {p.phase}: {formatInteger(p.done)}
            {p.total ? ` of ${formatInteger(p.total)}` : ""}
          </span>
        ) : (
          <span className="muted"> — waiting for the worker…</span>
        )}
      </div>
      <ProgressBar done={p?.done ?? 0} total={p?.total || null} label="Progress" showPercent={false} />
    </div>
  );
}
