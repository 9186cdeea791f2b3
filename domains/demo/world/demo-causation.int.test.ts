import { describe, expect, it } from "vitest";
import { causationLoopKind } from "../../../lib/causation/alert-kinds";
import { getCausationMap } from "../../../lib/causation/get-causation-map";
import { getCorrelationGraph } from "../../../lib/causation/get-correlation-graph";
import { listRefusals } from "../../../lib/causation/guards";
import { getPool } from "../../../lib/db";
import { demoUuid } from "./prng";
import { GUARD_LOOP_CATEGORY, seedCausationDemo } from "./demo-causation";

describe("the causation demo", () => {
  it("given a fresh store, then the reminder loop stops at depth 100, both refusals are counted, and the map, the graph and the loop alert show it", async () => {
    const lines: string[] = [];
    await seedCausationDemo({ seed: 7, log: (l) => lines.push(l) });
    expect(lines).toEqual(["causation demo: a reminder loop of 100 events stopped by the depth guard, and one idempotent retry"]);

    const now = new Date(Date.now() + 1000);
    const refusals = await listRefusals({ from: new Date(now.getTime() - 3_600_000), to: now, category: GUARD_LOOP_CATEGORY });
    expect(Object.fromEntries(refusals.map((r) => [r.reason, r.count]))).toEqual({ causation_depth_exceeded: 1, idempotent_replay: 1 });

    const correlationId = demoUuid(7, "causation-demo/guard-loop/correlation");
    const map = await getCausationMap({ from: new Date(now.getTime() - 3_600_000), to: now });
    expect(map.cycles.map((c) => c.types)).toEqual([["ReminderScheduled", "ReminderSent"]]);
    expect(map.runaways.find((r) => r.correlationId === correlationId)).toMatchObject({ events: 100, depth: 100, reasons: expect.arrayContaining(["depth"]) });

    const graph = await getCorrelationGraph({ correlationId, pii: "masked" });
    expect(graph.nodes).toHaveLength(2);
    expect(graph.groups).toEqual([expect.objectContaining({ pattern: ["ReminderSent", "ReminderScheduled"], count: 98 })]);

    const findings = await causationLoopKind.evaluate({ db: getPool(), now, params: causationLoopKind.params.parse({}) });
    expect(findings.map((f) => f.key)).toEqual([`correlation:${correlationId}`]);
    const { rows } = await getPool().query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE correlation_id = $1", [correlationId]);
    expect(rows[0].n).toBe(100);
  });
});
