import { describe, expect, it } from "vitest";
import { meetsTarget, type Measurement } from "./report";
import type { RunResult } from "./stats";

const run = (eventsPerSecond: number, p95 = 5): RunResult =>
  ({ events: eventsPerSecond * 8, calls: eventsPerSecond * 8, seconds: 8, eventsPerSecond, errors: 0, latencyMs: { p50: 1, p95, p99: p95 } }) as RunResult;
const pair = (hindsight: number, emmett: number, minRatio: number): Measurement[] => [
  { id: "w", workload: "w", system: "hindsight", params: "", result: run(hindsight), target: { minRatio } },
  { id: "w", workload: "w", system: "emmett", params: "", result: run(emmett) },
];

describe("meetsTarget", () => {
  it("judges a ratio target against the peer's run of the same workload", () => {
    const met = pair(2600, 2000, 1.3);
    const missed = pair(2500, 2000, 1.3);
    expect(meetsTarget(met[0], met)).toBe(true);
    expect(meetsTarget(missed[0], missed)).toBe(false);
  });

  it("misses a ratio target when the peer did not run", () => {
    const alone = pair(2600, 2000, 1.3).slice(0, 1);
    expect(meetsTarget(alone[0], alone)).toBe(false);
  });
});
