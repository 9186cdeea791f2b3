import type { CorrelationGraph } from "@/lib/causation/get-correlation-graph";
import { formatDateTime, formatInteger } from "@/lib/format";
import { Badge } from "../ui/badge";
import { Panel } from "../ui/panel";
import { categoryColor } from "./category-colors";
import { CorrelationGraphView } from "./correlation-graph";

/** One correlation: what it holds, its loops, and the graph. */
export function CorrelationPanel({ graph }: { graph: CorrelationGraph }) {
  const categories = [...new Set([...graph.nodes.map((n) => n.category), ...graph.groups.map((g) => g.category)])].sort();
  const collapsed = graph.groups.reduce((sum, g) => sum + g.count, 0);
  return (
    <>
      <div className="summary-strip cg-summary">
        <span>
          <strong>{formatInteger(graph.eventCount)}</strong> events
        </span>
        <span>
          depth <strong>{formatInteger(graph.depth)}</strong>
        </span>
        <span>
          {formatDateTime(graph.firstAt)} – {formatDateTime(graph.lastAt)}
        </span>
        {collapsed > 0 ? (
          <span>
            <strong>{formatInteger(collapsed)}</strong> collapsed into {formatInteger(graph.groups.length)} pattern{graph.groups.length === 1 ? "" : "s"}
          </span>
        ) : null}
        {graph.loops.length > 0 ? <Badge tone="danger">loop</Badge> : null}
      </div>
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
      <Panel
        title="Causation graph"
        subtitle="Causes above their effects, the root command at the top. Click an event to open it; click a repeated pattern to expand it a page at a time."
        action={
          <ul className="cg-legend" aria-label="Categories">
            {categories.map((c) => (
              <li key={c}>
                <span className="cg-swatch" style={{ background: categoryColor(c) }} aria-hidden="true" /> {c}
              </li>
            ))}
          </ul>
        }
      >
        <CorrelationGraphView graph={graph} />
      </Panel>
    </>
  );
}
