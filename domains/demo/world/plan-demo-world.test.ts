import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SchemaRegistry } from "../../../lib/schema/registry";
import { eventTypes } from "../event-types";
import type { AppendOptions, NewEvent } from "../../../lib/store/append-to-stream";
import type { DemoKind } from "./demo-task";
import { planDemoWorld, type DemoPlan } from "./plan-demo-world";
import { DAY_MS } from "./timeline";

const registry = new SchemaRegistry(eventTypes);

const NOW = Date.parse("2026-11-26T10:30:00Z");
type Row = { kind: DemoKind; append: AppendOptions; event: NewEvent; at: string };

function rowsOf(plan: DemoPlan): Row[] {
  const rows: Row[] = [];
  for (const task of plan.tasks) {
    for (const append of task.appends()) {
      append.events.forEach((event, i) => rows.push({ kind: task.kind, append, event, at: append.recordedAt![i] }));
    }
  }
  return rows;
}

function digest(plan: DemoPlan): string {
  const hash = createHash("sha256");
  for (const task of plan.tasks) for (const append of task.appends()) hash.update(JSON.stringify(append));
  return hash.digest("hex");
}

describe("planDemoWorld", () => {
  const plan = planDemoWorld({ events: 20_000, days: 90, seed: 42, now: NOW });
  const rows = rowsOf(plan);

  it("plans the same world twice for a seed, and another for another seed", () => {
    expect(digest(planDemoWorld({ events: 20_000, days: 90, seed: 42, now: NOW }))).toBe(digest(plan));
    expect(digest(planDemoWorld({ events: 20_000, days: 90, seed: 7, now: NOW }))).not.toBe(digest(plan));
  });

  it("has exactly the requested size, mostly ticks, with unique ids", () => {
    expect(rows).toHaveLength(20_000);
    expect(plan.total).toBe(20_000);
    const ticks = rows.filter((r) => r.kind === "ticks").length / rows.length;
    expect(ticks).toBeGreaterThan(0.55);
    expect(ticks).toBeLessThan(0.6);
    expect(new Set(rows.map((r) => r.event.eventId)).size).toBe(rows.length);
  });

  it("writes only events the registry accepts, within the period", () => {
    for (const { event, at } of rows) {
      const def = registry.version(event.type, event.schemaVersion ?? registry.latestVersion(event.type)!);
      expect(def?.schema.safeParse(event.data).success, `${event.type} ${JSON.stringify(event.data)}`).toBe(true);
      expect(Date.parse(at)).toBeGreaterThanOrEqual(plan.start);
      expect(Date.parse(at)).toBeLessThan(plan.end);
    }
  });

  it("keeps every stream's versions contiguous and its times strictly increasing", () => {
    const last = new Map<string, { version: number; at: string }>();
    for (const { append, event, at } of rows) {
      const prev = last.get(append.streamId) ?? { version: 0, at: "" };
      if (event === append.events[0]) expect(append.expectedVersion).toBe(prev.version);
      expect(at > prev.at, `${append.streamId} goes back in time`).toBe(true);
      last.set(append.streamId, { version: prev.version + 1, at });
    }
  });

  it("writes OrderPlaced v1 before the cutover and v2 (with and without a code) after", () => {
    const placed = rows.filter((r) => r.event.type === "OrderPlaced");
    for (const r of placed) expect(r.event.schemaVersion).toBe(Date.parse(r.at) < plan.cutover ? 1 : 2);
    const v2 = placed.filter((r) => r.event.schemaVersion === 2).map((r) => r.event.data.discountCode);
    expect(v2.some((c) => c === null)).toBe(true);
    expect(v2.some((c) => typeof c === "string")).toBe(true);
  });

  it("puts ticks and orders of the spike day at 5-8 times the same weekday in other weeks", () => {
    const perDay = new Map<number, number>();
    for (const r of rows) {
      if (r.kind !== "ticks" && r.kind !== "orders") continue;
      const day = Math.floor(Date.parse(r.at) / DAY_MS) * DAY_MS;
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const spike = plan.spikeDay!;
    expect(Math.round((NOW - spike) / DAY_MS)).toBe(20);
    const usual = [-14, -7, 7].map((d) => perDay.get(spike + d * DAY_MS)!);
    const ratio = perDay.get(spike)! / (usual.reduce((a, b) => a + b, 0) / usual.length);
    expect(ratio).toBeGreaterThan(5);
    expect(ratio).toBeLessThan(8);
  });

  it("chains the loop burst through one correlation, alternating user and profile", () => {
    const loop = rows.filter((r) => r.event.correlationId === plan.loopCorrelationId);
    expect(loop.length).toBe(plan.counts.loop - 2);
    loop.forEach((r, i) => {
      expect(r.append.streamId.split("-")[0]).toBe(i % 2 === 0 ? "profile" : "user");
      if (i > 0) expect(r.event.causationId).toBe(loop[i - 1].event.eventId);
    });
  });

  it("never overdraws an account", () => {
    const balance = new Map<string, number>();
    for (const { append, event } of rows) {
      if (event.type === "FundsDeposited") balance.set(append.streamId, (balance.get(append.streamId) ?? 0) + Number(event.data.amount));
      if (event.type === "FundsWithdrawn") {
        const left = (balance.get(append.streamId) ?? 0) - Number(event.data.amount);
        expect(left).toBeGreaterThanOrEqual(-1e-9);
        balance.set(append.streamId, left);
      }
    }
    expect(balance.size).toBeGreaterThan(10);
  });
});
