import type { Edge, Node } from "@xyflow/react";
import type { ELK } from "elkjs/lib/elk-api";

export type LayoutItem = { id: string; width: number; height: number };

// elkjs is large: it is fetched the first time a graph is laid out, not with the page.
let elk: Promise<ELK> | null = null;

function loadElk(): Promise<ELK> {
  elk ??= import("elkjs/lib/elk.bundled.js").then(({ default: ElkEngine }) => new ElkEngine());
  return elk;
}

/**
 * Positions nodes with ELK's layered algorithm, top to bottom, so causes sit above their
 * effects and the root command is at the top. Runs in the browser.
 */
export async function layoutLayered<N extends Node, E extends Edge>(
  nodes: N[],
  edges: E[],
  size: (n: N) => { width: number; height: number },
  spacing: { layers: number; nodes: number } = { layers: 48, nodes: 28 },
): Promise<N[]> {
  const engine = await loadElk();
  const result = await engine.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.layered.spacing.nodeNodeBetweenLayers": String(spacing.layers),
      "elk.spacing.nodeNode": String(spacing.nodes),
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
    },
    children: nodes.map((n) => ({ id: n.id, ...size(n) })),
    edges: edges.filter((e) => e.source !== e.target).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const at = new Map((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  return nodes.map((n) => ({ ...n, position: at.get(n.id) ?? { x: 0, y: 0 } }));
}
