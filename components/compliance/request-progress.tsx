"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
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
  const pct = p && p.total ? Math.min(100, Math.round((p.done / p.total) * 100)) : null;
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
      <div className="progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined} aria-label="Progress">
        <span style={{ width: `${pct ?? 5}%` }} />
      </div>
    </div>
  );
}
