import { describe, expect, it } from "vitest";
import { findTypeCycles, stronglyConnectedComponents, typeEdgesOf, type TypeEdge } from "./cycles";
import { collapseGraph, type GraphEvent } from "./collapse-graph";
import { eventsPerHour, runawayReasons, type CorrelationActivity } from "./runaway";

// Cycle and runaway detection on synthetic graphs: the shapes a causation graph takes in practice.

const edge = (from: string, to: string, count = 1): TypeEdge => ({ from, to, count });

/** A chain of events whose types follow `types`, each caused by the one before it. */
function chain(types: string[], start = Date.parse("2026-11-20T14:00:00Z"), stepMs = 250): GraphEvent[] {
  return types.map((type, i) => ({
    eventId: `e${i}`,
    causationId: i === 0 ? "command-1" : `e${i - 1}`,
    type,
    recordedAt: new Date(start + i * stepMs).toISOString(),
  }));
}

describe("type cycles (Tarjan's strongly connected components)", () => {
  it("given a type that causes itself, then one cycle of one type", () => {
    const cycles = findTypeCycles([edge("Tick", "Tick", 40), edge("Start", "Tick")]);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatchObject({ types: ["Tick"], events: 40, repetitions: 40 });
  });

  it("given UserUpdated ↔ ProfileUpdated, then one two-type cycle that went round half as often as its events", () => {
    const cycles = findTypeCycles([edge("UserUpdated", "ProfileUpdated", 500), edge("ProfileUpdated", "UserUpdated", 499), edge("UpdateProfile", "ProfileUpdated")]);
    expect(cycles).toEqual([
      { types: ["ProfileUpdated", "UserUpdated"], edges: [edge("UserUpdated", "ProfileUpdated", 500), edge("ProfileUpdated", "UserUpdated", 499)], events: 999, repetitions: 499 },
    ]);
  });

  it("given a long cycle A→B→C→D→E→A with a tail, then one cycle of the five types and the tail outside it", () => {
    const ring = ["A", "B", "C", "D", "E"];
    const edges = ring.map((t, i) => edge(t, ring[(i + 1) % ring.length], 10)).concat(edge("E", "Tail", 3), edge("Origin", "A"));
    const cycles = findTypeCycles(edges);
    expect(cycles).toHaveLength(1);
    expect(cycles[0].types).toEqual(ring);
    expect(cycles[0].repetitions).toBe(10);
    expect(cycles[0].edges).toHaveLength(5);
  });

  it("given a diamond A→B, A→C, B→D, C→D, then no cycle", () => {
    const edges = [edge("A", "B"), edge("A", "C"), edge("B", "D"), edge("C", "D")];
    expect(findTypeCycles(edges)).toEqual([]);
    expect(stronglyConnectedComponents(["A", "B", "C", "D"], edges).map((c) => c.length)).toEqual([1, 1, 1, 1]);
  });

  it("given a fan-out of one type into many effects, then no cycle however many events", () => {
    const edges = ["EmailSent", "SmsSent", "PushSent", "AuditNoted"].map((t) => edge("OrderShipped", t, 2500));
    expect(findTypeCycles(edges)).toEqual([]);
  });

  it("given two separate cycles, then both, the busier first", () => {
    const cycles = findTypeCycles([edge("A", "B", 3), edge("B", "A", 3), edge("X", "X", 50)]);
    expect(cycles.map((c) => c.types)).toEqual([["X"], ["A", "B"]]);
  });

  it("given a chain of 100 000 distinct types, then no cycle and no stack overflow", () => {
    const edges = Array.from({ length: 100_000 }, (_, i) => edge(`T${i}`, `T${i + 1}`));
    expect(findTypeCycles(edges)).toEqual([]);
    expect(findTypeCycles(edges.concat(edge("T100000", "T0")))[0].types).toHaveLength(100_001);
  });

  it("sums cause → effect pairs into edges", () => {
    expect(typeEdgesOf([{ from: "A", to: "B" }, { from: "A", to: "B" }, { from: "B", to: "A" }])).toEqual([edge("A", "B", 2), edge("B", "A", 1)]);
  });
});

describe("runaway detection", () => {
  const activity = (events: number, depth: number, minutes: number): CorrelationActivity => ({
    correlationId: "c1",
    events,
    depth,
    firstAt: "2026-11-20T14:00:00.000000+00:00",
    lastAt: new Date(Date.parse("2026-11-20T14:00:00Z") + minutes * 60_000).toISOString(),
  });
  const limits = { maxDepth: 50, maxEvents: 1000, maxPerHour: 5000 };

  it("given an ordinary order flow, then no reason", () => {
    expect(runawayReasons(activity(4, 3, 30), limits)).toEqual([]);
  });

  it("given a loop of 2 000 events in 8 minutes at depth 2 000, then depth, events and rate", () => {
    const a = activity(2000, 2000, 8);
    expect(eventsPerHour(a)).toBe(15_000);
    expect(runawayReasons(a, limits)).toEqual(["depth", "events", "rate"]);
  });

  it("given a fan-out of 3 000 events at depth 1 over a day, then only the event count", () => {
    expect(runawayReasons(activity(3000, 1, 24 * 60), limits)).toEqual(["events"]);
  });

  it("given a burst of 200 events within a second, then the rate is measured over a minute, not a second", () => {
    const a = activity(200, 1, 0);
    expect(eventsPerHour(a)).toBe(12_000);
    expect(runawayReasons(a, limits)).toEqual(["rate"]);
  });
});

describe("collapsing a correlation graph", () => {
  it("given the UserUpdated ↔ ProfileUpdated loop, then root, one group and the last event", () => {
    const types = ["ProfileUpdated", ...Array.from({ length: 1001 }, (_, i) => (i % 2 === 0 ? "UserUpdated" : "ProfileUpdated"))];
    const events = chain(types);
    const g = collapseGraph(events, { collapse: true });
    expect(g.roots).toEqual(["e0"]);
    expect(g.groups).toHaveLength(1);
    expect(g.groups[0]).toMatchObject({ pattern: ["UserUpdated", "ProfileUpdated"], repetitions: 500, count: 1000, firstEventId: "e1", lastEventId: "e1000", inLoop: true });
    expect(g.visible).toEqual(["e0", "e1001"]);
    expect(g.edges).toEqual([{ from: "e0", to: g.groups[0].groupId }, { from: g.groups[0].groupId, to: "e1001" }]);
    expect(g.loops[0].types).toEqual(["ProfileUpdated", "UserUpdated"]);
    expect(g.inLoop.size).toBe(1001);
  });

  it("given a self-loop chain, then one group of one type", () => {
    const g = collapseGraph(chain(["Start", ...Array(50).fill("Retry"), "GaveUp"]), { collapse: true });
    expect(g.groups.map((x) => [x.pattern, x.count])).toEqual([[["Retry"], 50]]);
    expect(g.visible).toEqual(["e0", "e51"]);
  });

  it("given a diamond-shaped flow and a fan-out, then nothing collapses and every edge is drawn", () => {
    const events: GraphEvent[] = [
      { eventId: "a", causationId: null, type: "OrderPlaced", recordedAt: "2026-11-20T14:00:00Z" },
      { eventId: "b", causationId: "a", type: "OrderPaid", recordedAt: "2026-11-20T14:00:01Z" },
      { eventId: "c", causationId: "a", type: "StockReserved", recordedAt: "2026-11-20T14:00:01Z" },
      { eventId: "d", causationId: "b", type: "OrderShipped", recordedAt: "2026-11-20T14:00:02Z" },
      { eventId: "e", causationId: "c", type: "OrderShipped", recordedAt: "2026-11-20T14:00:02Z" },
    ];
    const g = collapseGraph(events, { collapse: true });
    expect(g.groups).toEqual([]);
    expect(g.loops).toEqual([]);
    expect(g.visible).toEqual(["a", "b", "c", "d", "e"]);
    expect(g.edges).toHaveLength(4);
  });

  it("given collapse off, then every event is its own node", () => {
    const g = collapseGraph(chain(["A", ...Array(20).fill("B")]), { collapse: false });
    expect(g.groups).toEqual([]);
    expect(g.visible).toHaveLength(21);
  });

  it("given a short repetition, then it stays expanded (three events are not a pattern worth hiding)", () => {
    expect(collapseGraph(chain(["A", "B", "B", "B", "C"]), { collapse: true }).groups).toEqual([]);
  });
});
