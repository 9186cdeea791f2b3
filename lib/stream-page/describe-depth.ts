import { formatInteger } from "../format";

/**
 * An event's causation depth in words. The store counts hops from the root command (the command
 * is 0, the event it caused 1); a metadata.causationDepth names the depth of the event's cause,
 * so where the two differ the metadata's figure is named as the cause's.
 */
export function describeDepth(depth: number, metadata: unknown): string {
  const given = (metadata as { causationDepth?: unknown } | null)?.causationDepth;
  const note = typeof given === "number" && given !== depth ? ` (its cause is at ${formatInteger(given)}, as metadata.causationDepth says)` : "";
  return `${formatInteger(depth)} hop${depth === 1 ? "" : "s"} from the root command${note}`;
}
