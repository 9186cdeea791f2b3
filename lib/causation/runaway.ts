/** When a correlation counts as a runaway chain. */
export type RunawayThresholds = {
  /** Deepest causation depth allowed. */
  maxDepth: number;
  /** Most events in the window. */
  maxEvents: number;
  /** Most events per hour, at the rate the correlation ran at. */
  maxPerHour: number;
};

/** Defaults a little under the append guards (depth 100, 10 000 events per hour), so the map warns before the store refuses. */
export const DEFAULT_RUNAWAY: RunawayThresholds = { maxDepth: 50, maxEvents: 1000, maxPerHour: 5000 };

/** What one correlation did in a window. */
export type CorrelationActivity = {
  correlationId: string;
  events: number;
  depth: number;
  firstAt: string;
  lastAt: string;
};

export type RunawayReason = "depth" | "events" | "rate";

// A burst of a few events within a second is not a rate of thousands an hour: spans under a
// minute are measured as a minute.
const MIN_SPAN_S = 60;

/** Events per hour over the correlation's own span (at least a minute). */
export function eventsPerHour(a: Pick<CorrelationActivity, "events" | "firstAt" | "lastAt">): number {
  const span = Math.max((Date.parse(a.lastAt) - Date.parse(a.firstAt)) / 1000, MIN_SPAN_S);
  return (a.events * 3600) / span;
}

/** Which thresholds the correlation exceeds; empty when it is not a runaway. */
export function runawayReasons(a: CorrelationActivity, t: RunawayThresholds): RunawayReason[] {
  const reasons: RunawayReason[] = [];
  if (a.depth > t.maxDepth) reasons.push("depth");
  if (a.events > t.maxEvents) reasons.push("events");
  if (eventsPerHour(a) > t.maxPerHour) reasons.push("rate");
  return reasons;
}
