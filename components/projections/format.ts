import { formatCount } from "@/lib/format";

/** "42 s", "3 min 20 s", "1 h 05 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  if (seconds === 0) return "0 s";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${String(Math.round(seconds % 60)).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

export function formatRate(perSecond: number | null | undefined): string {
  return perSecond ? `${formatCount(Math.round(perSecond))} ev/s` : "—";
}

export const STATUS_LABEL: Record<string, string> = {
  building: "replaying",
  catching_up: "catching up",
  live: "live",
  previous: "previous",
  discarded: "discarded",
  failed: "failed",
  parked: "parked",
};

/** A version's place in the log: its last applied event, or the rebuild's horizon if it has applied none since. */
export function formatPosition(p: { txId: string; globalPosition: number }): string {
  return p.globalPosition > 0 ? p.globalPosition.toLocaleString("en") : `horizon (tx ${p.txId})`;
}
