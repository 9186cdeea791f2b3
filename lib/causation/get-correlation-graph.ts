import "server-only";
import { getPool } from "../db";
import { AppError } from "../errors";
import type { PiiMode } from "../schema/pii";
import { EVENT_COLUMNS, toEventViews, type EventRow, type EventView } from "../store/event-view";
import { categoryOf } from "../store/stream-id";
import { loadSourceEvents } from "../source/load-source-events";
import { logTables } from "../source/log-tables";
import { sourceEventViews } from "../source/source-views";
import { collapseGraph, walkGroup, type CollapsedGroup, type GraphEdge, type GraphEvent } from "./collapse-graph";
import type { TypeCycle } from "./cycles";

/** An event drawn in a causation graph: the API event shape plus where it sits. */
export type GraphNode = EventView & { category: string; root: boolean; inLoop: boolean };

/** What GET /api/v1/correlations/{id} answers. */
export type CorrelationGraph = {
  correlationId: string;
  /** Events drawn as their own node (PII masked unless the caller may read it). */
  nodes: GraphNode[];
  /** Repeated patterns drawn as one node each; expand one with `?group=<groupId>`. */
  groups: (CollapsedGroup & { category: string })[];
  edges: GraphEdge[];
  /** The deepest stored causation depth in the correlation. */
  depth: number;
  /** Type-level cycles of the correlation's events. */
  loops: TypeCycle[];
  eventCount: number;
  /** Events left out because the graph would be too large to draw (shapes that do not collapse, such as a huge fan-out). */
  omitted: number;
  firstAt: string | null;
  lastAt: string | null;
};

/** A page of one group's events, and the group that is left after it. */
export type GroupPage = {
  correlationId: string;
  groupId: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  rest: (CollapsedGroup & { category: string }) | null;
};

/** More than this many events and the graph is only served collapsed. */
export const MAX_UNCOLLAPSED = 5000;
export const MAX_GROUP_PAGE = 200;
/** The most event nodes one answer draws; a browser lays out and renders this many in about a second. */
export const MAX_DRAWN = 1500;

type ShapeRow = GraphEvent & { depth: number; streamId: string };

/** The shape of a correlation: a light row per event (no payloads), in log order. */
async function loadShape(correlationId: string): Promise<ShapeRow[]> {
  const { rows } = await getPool().query<ShapeRow>(
    `SELECT event_id AS "eventId", causation_id AS "causationId", type, causation_depth AS depth,
            recorded_at AS "recordedAt", stream_id AS "streamId"
       FROM ${logTables().events} WHERE correlation_id = $1 ORDER BY global_position`,
    [correlationId],
  );
  return rows;
}

async function loadViews(ids: string[], pii: PiiMode): Promise<Map<string, EventView>> {
  if (ids.length === 0) return new Map();
  if (logTables().external) {
    // Over a source, the payloads come from the source itself; the index has no data.
    const events = [...(await loadSourceEvents(ids)).values()];
    return new Map(sourceEventViews(events, { pii }).map((v) => [v.eventId, v]));
  }
  const { rows } = await getPool().query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::uuid[])`, [ids]);
  const views = await toEventViews(rows, { pii });
  return new Map(views.map((v) => [v.eventId, v]));
}

export type GetCorrelationGraphOptions = { correlationId: string; pii: PiiMode; collapse?: boolean };

/**
 * The causation graph of one correlation, collapsed so that a 10 000-event loop is a handful of
 * nodes: one light query for the shape, the shaping in memory, then the payloads of the drawn
 * events only. Throws not_found when no event carries the correlation id.
 */
export async function getCorrelationGraph(opts: GetCorrelationGraphOptions): Promise<CorrelationGraph> {
  const correlationId = opts.correlationId.toLowerCase();
  const shape = await loadShape(correlationId);
  if (shape.length === 0) throw new AppError("not_found", `no event carries correlation id ${correlationId}`, { correlationId });
  const collapse = opts.collapse ?? true;
  if (!collapse && shape.length > MAX_UNCOLLAPSED) {
    throw new AppError("validation_failed", `this correlation holds ${shape.length} events: it is only served collapsed (at most ${MAX_UNCOLLAPSED} uncollapsed)`, { eventCount: shape.length });
  }
  const graph = collapseGraph(shape, { collapse });
  const byId = new Map(shape.map((e) => [e.eventId, e]));
  // Visible ids come in log order, so a cut keeps every drawn event's causes (causes come first).
  const drawn = graph.visible.slice(0, MAX_DRAWN);
  const kept = new Set([...drawn, ...graph.groups.map((g) => g.groupId)]);
  const views = await loadViews(drawn, opts.pii);
  const roots = new Set(graph.roots);
  return {
    correlationId,
    nodes: drawn.map((id) => ({ ...views.get(id)!, category: categoryOf(byId.get(id)!.streamId), root: roots.has(id), inLoop: graph.inLoop.has(id) })),
    groups: graph.groups.map((g) => ({ ...g, category: categoryOf(byId.get(g.firstEventId)!.streamId) })),
    edges: drawn.length < graph.visible.length ? graph.edges.filter((e) => kept.has(e.from) && kept.has(e.to)) : graph.edges,
    depth: shape.reduce((max, e) => Math.max(max, e.depth), 0),
    loops: graph.loops,
    eventCount: shape.length,
    omitted: graph.visible.length - drawn.length,
    firstAt: shape.reduce<string | null>((min, e) => (min === null || e.recordedAt < min ? e.recordedAt : min), null),
    lastAt: shape.reduce<string | null>((max, e) => (max === null || e.recordedAt > max ? e.recordedAt : max), null),
  };
}

export type GetGroupPageOptions = { correlationId: string; groupId: string; pii: PiiMode; limit?: number };

/** Expands a collapsed group a page at a time: its first `limit` events, and the rest as a smaller group. */
export async function getGroupPage(opts: GetGroupPageOptions): Promise<GroupPage> {
  const correlationId = opts.correlationId.toLowerCase();
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), MAX_GROUP_PAGE);
  const shape = await loadShape(correlationId);
  if (shape.length === 0) throw new AppError("not_found", `no event carries correlation id ${correlationId}`, { correlationId });
  const walked = walkGroup(shape, opts.groupId, limit);
  if (!walked) throw new AppError("not_found", `no group ${opts.groupId} in correlation ${correlationId}`, { groupId: opts.groupId });
  const graph = collapseGraph(shape, { collapse: false });
  const byId = new Map(shape.map((e) => [e.eventId, e]));
  const views = await loadViews(walked.page.map((e) => e.eventId), opts.pii);
  const nodes = walked.page.map((e) => ({ ...views.get(e.eventId)!, category: categoryOf(byId.get(e.eventId)!.streamId), root: false, inLoop: graph.inLoop.has(e.eventId) }));
  const edges: GraphEdge[] = walked.page.slice(1).map((e, i) => ({ from: walked.page[i].eventId, to: e.eventId }));
  let rest: GroupPage["rest"] = null;
  if (walked.rest) {
    const restWalk = walkGroup(shape, `${walked.rest.firstEventId}~${walked.rest.count}`, walked.rest.count)!;
    const members = restWalk.page;
    const period = periodOf(members.map((m) => m.type));
    rest = {
      groupId: `${walked.rest.firstEventId}~${members.length}`,
      pattern: members.slice(0, period).map((m) => m.type),
      repetitions: Math.floor(members.length / period),
      count: members.length,
      firstEventId: members[0].eventId,
      lastEventId: members[members.length - 1].eventId,
      from: members[0].recordedAt,
      to: members[members.length - 1].recordedAt,
      inLoop: members.every((m) => graph.inLoop.has(m.eventId)),
      category: categoryOf(byId.get(members[0].eventId)!.streamId),
    };
    edges.push({ from: walked.page[walked.page.length - 1].eventId, to: rest.groupId });
  }
  return { correlationId, groupId: opts.groupId, nodes, edges, rest };
}

/** The shortest period of a repeated type sequence (the whole length when it does not repeat). */
function periodOf(types: string[]): number {
  for (let p = 1; p < types.length; p++) if (types.every((t, i) => i < p || t === types[i - p])) return p;
  return Math.max(types.length, 1);
}
