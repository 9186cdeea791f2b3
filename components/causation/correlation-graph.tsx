"use client";

import "@xyflow/react/dist/style.css";
import { MarkerType, ReactFlowProvider, useReactFlow, type Edge } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { fetchApi } from "@/lib/browser/api-client";
import type { CorrelationGraph, GraphNode, GroupPage } from "@/lib/causation/get-correlation-graph";
import { EDGE_COLOR, LOOP_COLOR } from "./category-colors";
import { layoutLayered } from "./elk-layout";
import { ReadOnlyFlow } from "./read-only-flow";
import { EVENT_SIZE, GROUP_SIZE, NODE_TYPES, type GraphFlowNode } from "./graph-nodes";

type Group = CorrelationGraph["groups"][number];

/** What is drawn: events, collapsed groups, and the edges between them (ids of either). */
export type GraphModel = { events: GraphNode[]; groups: Group[]; edges: { from: string; to: string }[] };
type Model = GraphModel;

/** The model a correlation is first drawn from. */
export function initialModel(graph: CorrelationGraph): GraphModel {
  return { events: graph.nodes, groups: graph.groups, edges: graph.edges };
}

/** Replaces a group by a page of its events and what is left of it, rewiring the group's edges. */
function expandInto(model: Model, groupId: string, page: GroupPage): Model {
  const first = page.nodes[0]?.eventId;
  const exit = page.rest ? page.rest.groupId : page.nodes.at(-1)?.eventId;
  const edges = model.edges.map((e) => ({ from: e.from === groupId && exit ? exit : e.from, to: e.to === groupId && first ? first : e.to }));
  return {
    events: [...model.events, ...page.nodes],
    groups: [...model.groups.filter((g) => g.groupId !== groupId), ...(page.rest ? [page.rest] : [])],
    edges: [...edges, ...page.edges],
  };
}

export type CorrelationGraphViewProps = {
  graph: CorrelationGraph;
  /** What is drawn; the caller holds it so its summary follows expansions. */
  model: GraphModel;
  onModelChange: (update: (m: GraphModel) => GraphModel) => void;
  pageSize?: number;
};

/** The causation graph of one correlation: ELK layered layout, root on top, collapsed groups expand on click. */
export function CorrelationGraphView(props: CorrelationGraphViewProps) {
  return (
    <ReactFlowProvider>
      <GraphCanvas {...props} />
    </ReactFlowProvider>
  );
}

function GraphCanvas({ graph, model, onModelChange: setModel, pageSize = 40 }: CorrelationGraphViewProps) {
  const [loading, setLoading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [focus, setFocus] = useState<string[] | null>(null);
  const [nodes, setNodes] = useState<GraphFlowNode[]>([]);
  const [announce, setAnnounce] = useState("");
  const flow = useReactFlow();

  const expand = useCallback(
    async (groupId: string) => {
      setLoading(groupId);
      setError(null);
      try {
        const page = await fetchApi<GroupPage>(`/api/v1/correlations/${graph.correlationId}?group=${encodeURIComponent(groupId)}&limit=${pageSize}`);
        setModel((m) => expandInto(m, groupId, page));
        setFocus(page.nodes.slice(0, 6).map((n) => n.eventId));
        setAnnounce(`${page.nodes.length} events shown${page.rest ? `, ${page.rest.count} still collapsed` : ""}`);
      } catch (e) {
        setError(`Could not expand the group: ${(e as Error).message}`);
      } finally {
        setLoading(null);
      }
    },
    [graph.correlationId, pageSize, setModel],
  );

  const flowEdges = useMemo<Edge[]>(() => {
    const loopy = new Set([...model.events.filter((e) => e.inLoop).map((e) => e.eventId), ...model.groups.filter((g) => g.inLoop).map((g) => g.groupId)]);
    return model.edges.map((e, i) => {
      const hot = loopy.has(e.to);
      return {
        id: `e${i}-${e.from}-${e.to}`,
        source: e.from,
        target: e.to,
        animated: hot,
        style: { stroke: hot ? LOOP_COLOR : EDGE_COLOR, strokeWidth: hot ? 2 : 1.5 },
        markerEnd: { type: MarkerType.ArrowClosed, color: hot ? LOOP_COLOR : EDGE_COLOR },
      };
    });
  }, [model]);

  useEffect(() => {
    let cancelled = false;
    const flowNodes: GraphFlowNode[] = [
      ...model.events.map((e): GraphFlowNode => ({
        id: e.eventId,
        type: "event",
        position: { x: 0, y: 0 },
        data: { eventId: e.eventId, type: e.type, category: e.category, streamId: e.streamId, recordedAt: e.recordedAt, depth: e.causationDepth, root: e.root, inLoop: e.inLoop },
      })),
      ...model.groups.map((g): GraphFlowNode => ({
        id: g.groupId,
        type: "pattern",
        position: { x: 0, y: 0 },
        data: { ...g, loading: loading === g.groupId, onExpand: expand },
      })),
    ];
    layoutLayered(flowNodes, flowEdges, (n) => (n.type === "pattern" ? GROUP_SIZE : EVENT_SIZE)).then((laid) => {
      if (!cancelled) setNodes(laid);
    });
    return () => {
      cancelled = true;
    };
  }, [model, flowEdges, loading, expand]);

  useEffect(() => {
    if (nodes.length === 0) return;
    const frame = requestAnimationFrame(() => {
      if (focus) flow.fitView({ nodes: focus.map((id) => ({ id })), maxZoom: 1, padding: 0.2 });
      else flow.fitView({ maxZoom: 1, padding: 0.15 });
    });
    return () => cancelAnimationFrame(frame);
  }, [nodes, focus, flow]);

  return (
    <div className="cg-canvas" data-testid="correlation-graph" data-laid-out={nodes.length > 0 ? "true" : "false"}>
      <ReadOnlyFlow nodes={nodes} edges={flowEdges} nodeTypes={NODE_TYPES} minZoom={0.05} />
      <p className="visually-hidden" role="status">
        {announce}
      </p>
      {error ? (
        <p className="form-error cg-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
