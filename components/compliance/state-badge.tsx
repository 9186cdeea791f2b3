import { Badge } from "@/components/ui/badge";
import { STATE_LABELS, STATE_TONES, type ErasureState } from "@/lib/compliance/erasure-states";

/** An erasure request's state as a coloured label. */
export function StateBadge({ state }: { state: ErasureState }) {
  return <Badge tone={STATE_TONES[state]}>{STATE_LABELS[state]}</Badge>;
}
