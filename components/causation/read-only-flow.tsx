"use client";

import { Background, Controls, ReactFlow, type Edge, type Node, type NodeTypes } from "@xyflow/react";

type Props<N extends Node> = { nodes: N[]; edges: Edge[]; nodeTypes: NodeTypes; minZoom: number };

/** A graph people read, not edit: nothing drags, connects, focuses or selects; zoom and fit only. */
export function ReadOnlyFlow<N extends Node>({ nodes, edges, nodeTypes, minZoom }: Props<N>) {
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      nodesFocusable={false}
      edgesFocusable={false}
      elementsSelectable={false}
      minZoom={minZoom}
      maxZoom={1.5}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={20} color="#e6e9ef" />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
