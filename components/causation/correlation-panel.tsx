import type { CorrelationGraph } from "@/lib/causation/get-correlation-graph";
import type { CategoryRanking } from "@/lib/category-palette";
import { formatInteger } from "@/lib/format";
import { CorrelationView } from "./correlation-view";

/** One correlation: what it holds, its loops, and the graph. */
export function CorrelationPanel({ graph, ranking }: { graph: CorrelationGraph; ranking: CategoryRanking }) {
  return (
    <CorrelationView
      graph={graph}
      ranking={ranking}
      notices={
        <>
          {graph.loops.length > 0 ? (
            <p className="form-error cg-loops" role="status">
              {graph.loops.map((l) => `${[...l.types, l.types[0]].join(" → ")}: ${formatInteger(l.events)} events round the cycle (about ${formatInteger(l.repetitions)} times)`).join("; ")}. Its events and edges are outlined in red.
            </p>
          ) : null}
          {graph.omitted > 0 ? (
            <p className="form-error cg-loops" role="status">
              {formatInteger(graph.omitted)} later events are not drawn: this correlation branches too widely to draw whole. The graph shows its first{" "}
              {formatInteger(graph.nodes.length)} events in log order.
            </p>
          ) : null}
        </>
      }
    />
  );
}
