"use client";

import "@xyflow/react/dist/style.css";
import { Handle, MarkerType, Position, ReactFlowProvider, useReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import type { MapEdge } from "@/lib/causation/get-causation-map";
import { formatCount, formatInteger, formatPerHour } from "@/lib/format";
import { EDGE_COLOR, LOOP_COLOR } from "./category-colors";
import { layoutLayered } from "./elk-layout";
import { ReadOnlyFlow } from "./read-only-flow";

type TypeNodeData = { type: string; events: number; inCycle: boolean };
type TypeNode = Node<TypeNodeData, "type">;
const SIZE = { width: 200, height: 52 };

function TypeNodeView({ data }: NodeProps<TypeNode>) {
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className={`cg-node cg-typenode${data.inCycle ? " cg-loop" : ""}`} title={`${data.type}: ${formatInteger(data.events)} events in the window`}>
        <span className="cg-type">{data.type}</span>
        <span className="cg-meta">
          {formatCount(data.events)} events{data.inCycle ? " · in a cycle" : ""}
        </span>
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
      {/* Edges that go back up (a cycle) leave and enter on the right, so they do not cross the nodes. */}
      <Handle type="source" id="back-out" position={Position.Right} isConnectable={false} />
      <Handle type="target" id="back-in" position={Position.Right} isConnectable={false} />
    </>
  );
}

const NODE_TYPES = { type: TypeNodeView };

export type CausationMapGraphProps = { types: { type: string; events: number; inCycle: boolean }[]; edges: MapEdge[] };

/** Cause type → effect type over the window, edges labelled with counts and rates; cycles in red. */
export function CausationMapGraph(props: CausationMapGraphProps) {
  return (
    <ReactFlowProvider>
      <MapCanvas {...props} />
    </ReactFlowProvider>
  );
}

function MapCanvas({ types, edges }: CausationMapGraphProps) {
  const [nodes, setNodes] = useState<TypeNode[]>([]);
  const [backEdges, setBackEdges] = useState<Set<string>>(new Set());
  const flow = useReactFlow();
  // Only types that cause or are caused: a store full of uncaused ticks would drown the map.
  const linked = useMemo(() => new Set(edges.flatMap((e) => [e.from, e.to])), [edges]);
  const flowEdges = useMemo<Edge[]>(
    () =>
      edges.map((e, i) => ({
        id: `m${i}`,
        source: e.from,
        target: e.to,
        label: `${formatCount(e.count)} · ${formatPerHour(e.perHour)}/h`,
        animated: e.inCycle,
        style: { stroke: e.inCycle ? LOOP_COLOR : EDGE_COLOR, strokeWidth: e.inCycle ? 2 : 1.5 },
        labelStyle: { fontSize: 11, fill: e.inCycle ? LOOP_COLOR : "#5b6478" },
        labelBgStyle: { fill: "#ffffff" },
        markerEnd: { type: MarkerType.ArrowClosed, color: e.inCycle ? LOOP_COLOR : EDGE_COLOR },
        type: "smoothstep",
      })),
    [edges],
  );

  useEffect(() => {
    let cancelled = false;
    const flowNodes: TypeNode[] = types.filter((t) => linked.has(t.type)).map((t) => ({ id: t.type, type: "type", position: { x: 0, y: 0 }, data: t }));
    // A type that only appears as a cause outside the window still needs a node.
    for (const t of linked) if (!flowNodes.some((n) => n.id === t)) flowNodes.push({ id: t, type: "type", position: { x: 0, y: 0 }, data: { type: t, events: 0, inCycle: edges.some((e) => e.inCycle && (e.from === t || e.to === t)) } });
    // Wide gaps: edge labels and the edges that go back up around a cycle need the room.
    layoutLayered(flowNodes, flowEdges, () => SIZE, { layers: 64, nodes: 90 }).then((laid) => {
      if (cancelled) return;
      const y = new Map(laid.map((n) => [n.id, n.position.y]));
      setBackEdges(new Set(flowEdges.filter((e) => (y.get(e.target) ?? 0) <= (y.get(e.source) ?? 0)).map((e) => e.id)));
      setNodes(laid);
    });
    return () => {
      cancelled = true;
    };
  }, [types, linked, edges, flowEdges]);

  useEffect(() => {
    if (nodes.length === 0) return;
    const frame = requestAnimationFrame(() => flow.fitView({ maxZoom: 1, padding: 0.15 }));
    return () => cancelAnimationFrame(frame);
  }, [nodes, flow]);

  return (
    <div className="cg-canvas cg-map" data-testid="causation-map" data-laid-out={nodes.length > 0 ? "true" : "false"} role="figure" aria-label="Type-level causation map: cause type above effect type">
      <ReadOnlyFlow nodes={nodes} edges={flowEdges.map((e) => (backEdges.has(e.id) ? { ...e, sourceHandle: "back-out", targetHandle: "back-in", type: "smoothstep" } : e))} nodeTypes={NODE_TYPES} minZoom={0.1} />
    </div>
  );
}
