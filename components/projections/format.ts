import { formatInteger } from "@/lib/format";

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
  return p.globalPosition > 0 ? formatInteger(p.globalPosition) : `horizon (tx ${p.txId})`;
}
