import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getCorrelation } from "@/app/api/v1/correlations/[correlationId]/route";
import { POST as append } from "@/app/api/v1/streams/[streamId]/events/route";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { apiRequest, createTestToken } from "../testing/auth-fixtures";
import { causationDepthKind, causationLoopKind } from "./alert-kinds";
import { getCausationMap } from "./get-causation-map";
import { listGuards, listRefusals, updateGuards } from "./guards";
import { flushRefusalCounts } from "../store/count-refusal";

// A loop appended through the HTTP API: the depth guard (set per category, as the Guards page
// does) refuses the event past the limit, the loop and depth alert kinds find it, the map lists it,
// and GET /api/v1/correlations/{id} draws it collapsed and expands it a page at a time.

type Json = Record<string, unknown>;
let token = "";
beforeAll(async () => {
  ({ token } = await createTestToken({ scopes: ["events:read", "events:append"] }));
});

async function post(streamId: string, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await append(apiRequest(`/api/v1/streams/${encodeURIComponent(streamId)}/events`, { method: "POST", body, token }), { params: Promise.resolve({ streamId }) });
  return { status: res.status, body: await res.json() };
}

async function graph(correlationId: string, query = ""): Promise<{ status: number; body: Json }> {
  const res = await getCorrelation(apiRequest(`/api/v1/correlations/${correlationId}${query}`, { token }), { params: Promise.resolve({ correlationId }) });
  return { status: res.status, body: await res.json() };
}

const uniq = () => randomUUID().replace(/-/g, "").slice(0, 10);

describe("a loop appended through the API", () => {
  it("given a category whose depth guard is 10, when a CartUpdated ↔ PriceUpdated loop is appended event by event, then the 11th is refused with 422 causation_depth_exceeded, counted, and the loop alert finds the correlation", async () => {
    const category = `loop${uniq()}`;
    await updateGuards({ category, maxDepth: 10, maxPerHour: 10_000, actor: systemActor("test") });
    const correlationId = randomUUID();
    let causationId = randomUUID(); // the command that started it: the store does not hold it
    const accepted: string[] = [];
    let refused: { status: number; body: Json } | null = null;
    for (let i = 0; i < 12 && !refused; i++) {
      const eventId = randomUUID();
      const r = await post(`${category}-${i % 2 === 0 ? "cart" : "price"}`, {
        events: [{ eventId, type: i % 2 === 0 ? "CartUpdated" : "PriceUpdated", data: { i }, correlationId, causationId, ...(i === 0 ? { metadata: { causationDepth: 0 } } : {}) }],
      });
      if (r.status === 201) {
        accepted.push(eventId);
        causationId = eventId;
      } else refused = r;
    }

    expect(accepted).toHaveLength(10);
    expect(refused?.status).toBe(422);
    expect(refused?.body.error).toMatchObject({ code: "causation_depth_exceeded", depth: 11, maxDepth: 10, category });
    await flushRefusalCounts();
    const { rows } = await getPool().query<{ n: number }>("SELECT sum(count)::int AS n FROM append_refusals WHERE category = $1 AND reason = 'causation_depth_exceeded'", [category]);
    expect(rows[0].n).toBe(1);
    const depths = await getPool().query<{ d: number }>("SELECT causation_depth AS d FROM events WHERE correlation_id = $1 ORDER BY global_position", [correlationId]);
    expect(depths.rows.map((r) => r.d)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const now = new Date(Date.now() + 1000);
    const loops = await causationLoopKind.evaluate({ db: getPool(), now, params: causationLoopKind.params.parse({ windowMinutes: 60, minRepetitions: 3 }) });
    const finding = loops.find((f) => f.key === `correlation:${correlationId}`);
    expect(finding).toMatchObject({
      category,
      href: `/causation?correlation=${correlationId}`,
      details: { correlationId, types: ["CartUpdated", "PriceUpdated"], repetitions: 4, events: 9, threshold: 3 },
    });
    expect(finding?.summary).toContain("CartUpdated ↔ PriceUpdated went round 4 times");

    // Four times round is not more than four: the same loop under a higher threshold is not a finding.
    const quieter = await causationLoopKind.evaluate({ db: getPool(), now, params: causationLoopKind.params.parse({ windowMinutes: 60, minRepetitions: 4 }) });
    expect(quieter.map((f) => f.key)).not.toContain(`correlation:${correlationId}`);

    const deep = await causationDepthKind.evaluate({ db: getPool(), now, params: causationDepthKind.params.parse({ windowMinutes: 60, maxDepth: 8 }) });
    expect(deep.find((f) => f.key === `correlation:${correlationId}`)).toMatchObject({ category, details: { depth: 10, eventsAboveThreshold: 2, threshold: 8 } });
    const shallow = await causationDepthKind.evaluate({ db: getPool(), now, params: causationDepthKind.params.parse({ windowMinutes: 60, maxDepth: 10 }) });
    expect(shallow.map((f) => f.key)).not.toContain(`correlation:${correlationId}`);
  });

  it("given an order flow that fans out (no type repeats), then neither alert kind fires for it", async () => {
    const correlationId = randomUUID();
    const order = `order-${uniq()}`;
    const placed = randomUUID();
    const paid = randomUUID();
    await appendToStream({
      streamId: order,
      events: [
        { eventId: placed, type: "Placed", data: {}, correlationId, causationId: randomUUID() },
        { eventId: paid, type: "Paid", data: {}, correlationId, causationId: placed },
        { type: "Shipped", data: {}, correlationId, causationId: paid },
        { type: "Mailed", data: {}, correlationId, causationId: paid },
        { type: "Invoiced", data: {}, correlationId, causationId: paid },
      ],
    });
    const now = new Date(Date.now() + 1000);
    const loops = await causationLoopKind.evaluate({ db: getPool(), now, params: causationLoopKind.params.parse({ minRepetitions: 1 }) });
    expect(loops.map((f) => f.key)).not.toContain(`correlation:${correlationId}`);
    // Placed is at depth 1 (its command is not stored), Paid 2, the three effects of Paid 3.
    const deep = await causationDepthKind.evaluate({ db: getPool(), now, params: causationDepthKind.params.parse({ maxDepth: 3 }) });
    expect(deep.map((f) => f.key)).not.toContain(`correlation:${correlationId}`);
    const deeper = await causationDepthKind.evaluate({ db: getPool(), now, params: causationDepthKind.params.parse({ maxDepth: 2 }) });
    expect(deeper.find((f) => f.key === `correlation:${correlationId}`)?.details).toMatchObject({ depth: 3, eventsAboveThreshold: 3 });
  });
});

describe("GET /api/v1/correlations/{correlationId}", () => {
  const correlationId = randomUUID();
  const user = `u${uniq()}`;
  const ids: string[] = [];
  beforeAll(async () => {
    let causationId = randomUUID();
    for (let i = 0; i < 41; i++) {
      const eventId = randomUUID();
      const profile = i % 2 === 0;
      await appendToStream({
        streamId: `${profile ? "profile" : "user"}-${user}`,
        events: [
          profile
            ? { eventId, type: "ProfileUpdated", data: { userId: user, displayName: "Ann L." }, correlationId, causationId, ...(i === 0 ? { metadata: { causationDepth: 0 } } : {}) }
            : { eventId, type: "UserUpdated", data: { userId: user, name: "Ann Lovelace", source: "profile-sync" }, correlationId, causationId },
        ],
      });
      ids.push(eventId);
      causationId = eventId;
    }
  });

  it("given a 41-event loop, then the root, one group of 39 (UserUpdated → ProfileUpdated × 19 and one) and the last event, with the loop and PII masked", async () => {
    const r = await graph(correlationId);
    expect(r.status).toBe(200);
    const body = r.body as { nodes: Json[]; groups: Json[]; edges: Json[]; depth: number; loops: Json[]; eventCount: number };
    expect(body.eventCount).toBe(41);
    expect(body).toMatchObject({ omitted: 0 });
    expect(body.depth).toBe(41);
    expect(body.nodes.map((n) => n.eventId)).toEqual([ids[0], ids[40]]);
    expect(Object.keys(body.nodes[0])).toEqual(expect.arrayContaining(["eventId", "streamId", "streamVersion", "globalPosition", "type", "schemaVersion", "storedSchemaVersion", "data", "metadata", "correlationId", "causationId", "causationDepth", "recordedAt"]));
    expect(body.nodes[0]).toMatchObject({ root: true, category: "profile", type: "ProfileUpdated" });
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]).toMatchObject({ pattern: ["UserUpdated", "ProfileUpdated"], repetitions: 19, count: 39, firstEventId: ids[1], lastEventId: ids[39], inLoop: true, category: "user" });
    const groupId = body.groups[0].groupId as string;
    expect(body.edges).toEqual([{ from: ids[0], to: groupId }, { from: groupId, to: ids[40] }]);
    expect(body.loops).toEqual([expect.objectContaining({ types: ["ProfileUpdated", "UserUpdated"], events: 40, repetitions: 20 })]);

    const page = await graph(correlationId, `?group=${encodeURIComponent(groupId)}&limit=10`);
    expect(page.status).toBe(200);
    const p = page.body as { nodes: Json[]; edges: Json[]; rest: Json };
    expect(p.nodes.map((n) => n.eventId)).toEqual(ids.slice(1, 11));
    expect((p.nodes[0].data as Json).name).toBe("[masked]");
    expect(p.rest).toMatchObject({ count: 29, firstEventId: ids[11], lastEventId: ids[39], pattern: ["UserUpdated", "ProfileUpdated"], repetitions: 14 });
    expect(p.edges.at(-1)).toEqual({ from: ids[10], to: p.rest.groupId });

    const all = await graph(correlationId, "?collapse=false");
    expect((all.body.nodes as Json[]).map((n) => n.eventId)).toEqual(ids);
    expect(all.body.edges as Json[]).toHaveLength(40);
  });

  it("given a fan-out of 2 000 effects of one event, then the first 1 500 events are drawn, the rest counted as omitted, and no edge points at an event left out", async () => {
    const fan = randomUUID();
    const root = randomUUID();
    await appendToStream({ streamId: `fan-${uniq()}`, events: [{ eventId: root, type: "Broadcast", data: {}, correlationId: fan }] });
    for (let i = 0; i < 2; i++) {
      await appendToStream({ streamId: `fan-${uniq()}`, events: Array.from({ length: 1000 }, () => ({ type: "Delivered", data: {}, correlationId: fan, causationId: root })) });
    }
    const r = await graph(fan);
    const body = r.body as { nodes: Json[]; groups: Json[]; edges: { from: string; to: string }[]; omitted: number; eventCount: number };
    expect(body).toMatchObject({ eventCount: 2001, omitted: 501, groups: [] });
    expect(body.nodes).toHaveLength(1500);
    const drawn = new Set(body.nodes.map((n) => n.eventId as string));
    expect(body.edges).toHaveLength(1499);
    expect(body.edges.every((e) => drawn.has(e.from) && drawn.has(e.to))).toBe(true);
  });

  it("answers 404 for a correlation no event carries, 404 for an unknown group and 422 for an id that is not a UUID", async () => {
    expect((await graph(randomUUID())).body.error).toMatchObject({ code: "not_found" });
    expect((await graph(correlationId, `?group=${randomUUID()}~5`)).status).toBe(404);
    const bad = await graph("not-a-uuid");
    expect(bad.status).toBe(422);
  });

  it("the map of the last hour finds the loop's cycle and lists the correlation as a runaway under low thresholds", async () => {
    const to = new Date(Date.now() + 1000);
    const map = await getCausationMap({ from: new Date(to.getTime() - 3_600_000), to, thresholds: { maxDepth: 30, maxEvents: 1000, maxPerHour: 1_000_000 } });
    const cycle = map.cycles.find((c) => c.types.join() === "ProfileUpdated,UserUpdated");
    expect(cycle).toMatchObject({ events: 40, repetitions: 20 });
    expect(map.edges.find((e) => e.from === "UserUpdated" && e.to === "ProfileUpdated")).toMatchObject({ count: 20, inCycle: true });
    expect(map.runaways.find((r) => r.correlationId === correlationId)).toMatchObject({ events: 41, depth: 41, reasons: ["depth"], types: ["ProfileUpdated", "UserUpdated"] });
  });

  it("the map counts an effect whose cause was recorded before the window, by looking the cause up", async () => {
    const { rows } = await getPool().query<{ at: string }>("SELECT recorded_at AS at FROM events WHERE event_id = $1", [ids[1]]);
    const to = new Date(Date.now() + 1000);
    const map = await getCausationMap({ from: new Date(rows[0].at), to });
    // ids[0] (the root ProfileUpdated) is outside; its effect ids[1] (UserUpdated) is inside.
    expect(map.edges.find((e) => e.from === "ProfileUpdated" && e.to === "UserUpdated")).toMatchObject({ count: 20 });
    expect(map.edges.find((e) => e.from === "UserUpdated" && e.to === "ProfileUpdated")).toMatchObject({ count: 20 });
    // Within the window the loop is 40 events deep at most: under the default thresholds.
    expect(map.runaways.map((r) => r.correlationId)).not.toContain(correlationId);
  });
});

describe("guards and refusals", () => {
  it("saving a category's guards writes category_settings and an audit entry with before and after; the list shows it", async () => {
    const category = `guard${uniq()}`;
    await appendToStream({ streamId: `${category}-1`, events: [{ type: "Noted", data: {} }] });
    expect((await listGuards()).find((g) => g.category === category)).toMatchObject({ maxDepth: 100, maxPerHour: 10_000, custom: false });
    await updateGuards({ category, maxDepth: 7, maxPerHour: 500, actor: systemActor("test") });
    expect((await listGuards()).find((g) => g.category === category)).toMatchObject({ maxDepth: 7, maxPerHour: 500, custom: true });
    const { rows } = await getPool().query("SELECT details FROM audit_log WHERE action = 'guards.updated' AND target = $1", [`category:${category}`]);
    expect(rows).toEqual([{ details: { before: { maxDepth: 100, maxPerHour: 10_000, default: true }, after: { maxDepth: 7, maxPerHour: 500 } } }]);

    // The correlation guard of that category now refuses the 501st event of a correlation in an hour.
    const correlationId = randomUUID();
    await appendToStream({ streamId: `${category}-2`, events: Array.from({ length: 500 }, () => ({ type: "Noted", data: {}, correlationId })) });
    await expect(appendToStream({ streamId: `${category}-2`, events: [{ type: "Noted", data: {}, correlationId }] })).rejects.toMatchObject({ code: "correlation_limit_exceeded" });

    // A replayed idempotent append, a reused event id and a reused key with another request are counted as refused duplicates.
    const eventId = randomUUID();
    await appendToStream({ streamId: `${category}-3`, idempotencyKey: `k-${category}`, events: [{ eventId, type: "Noted", data: {} }] });
    await appendToStream({ streamId: `${category}-3`, idempotencyKey: `k-${category}`, events: [{ eventId, type: "Noted", data: {} }] });
    await expect(appendToStream({ streamId: `${category}-4`, events: [{ eventId, type: "Noted", data: {} }] })).rejects.toMatchObject({ code: "duplicate_event_id" });
    await expect(appendToStream({ streamId: `${category}-3`, idempotencyKey: `k-${category}`, events: [{ type: "Noted", data: { other: true } }] })).rejects.toMatchObject({ code: "idempotency_conflict" });
    const refusals = await listRefusals({ from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 3_600_000), category });
    expect(Object.fromEntries(refusals.map((r) => [r.reason, r.count]))).toEqual({ correlation_limit_exceeded: 1, idempotent_replay: 1, duplicate_event_id: 1, idempotency_conflict: 1 });
  });
});
