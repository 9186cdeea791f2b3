"use client";

import { useState } from "react";
import type { CorrelationGraph } from "@/lib/causation/get-correlation-graph";
import type { CategoryRanking } from "@/lib/category-palette";
import { formatDateTime, formatInteger } from "@/lib/format";
import { Badge } from "../ui/badge";
import { CategoryColorsProvider, CategorySwatch, useCategoryColor } from "../ui/category-colors";
import { Panel } from "../ui/panel";
import { CorrelationGraphView, initialModel, type GraphModel } from "./correlation-graph";

export type CorrelationViewProps = { graph: CorrelationGraph; ranking: CategoryRanking; notices: React.ReactNode };

/** The summary, notices and graph of one correlation; the summary counts what is drawn now, so an expansion updates it. */
export function CorrelationView({ graph, ranking, notices }: CorrelationViewProps) {
  const [model, setModel] = useState<GraphModel>(() => initialModel(graph));
  const collapsed = model.groups.reduce((sum, g) => sum + g.count, 0);
  return (
    <CategoryColorsProvider ranking={ranking}>
      <div className="summary-strip cg-summary" data-testid="correlation-summary">
        <span>
          <strong>{formatInteger(graph.eventCount)}</strong> events
        </span>
        <span>
          depth <strong>{formatInteger(graph.depth)}</strong>
        </span>
        <span>
          {formatDateTime(graph.firstAt)} – {formatDateTime(graph.lastAt)}
        </span>
        <span>
          <strong>{formatInteger(model.events.length)}</strong> drawn
        </span>
        {collapsed > 0 ? (
          <span>
            <strong>{formatInteger(collapsed)}</strong> collapsed into {formatInteger(model.groups.length)} pattern{model.groups.length === 1 ? "" : "s"}
          </span>
        ) : null}
        {graph.loops.length > 0 ? <Badge tone="danger">loop</Badge> : null}
      </div>
      {notices}
      <Panel
        title="Causation graph"
        subtitle="Causes above their effects, the root command at the top. Click an event to open it; click a repeated pattern to expand it a page at a time."
        action={<Legend model={model} />}
      >
        <CorrelationGraphView graph={graph} model={model} onModelChange={setModel} />
      </Panel>
    </CategoryColorsProvider>
  );
}

/** The categories drawn, largest (by the shared ranking) first, each with its colour. */
function Legend({ model }: { model: GraphModel }) {
  const color = useCategoryColor();
  const categories = [...new Set([...model.events.map((n) => n.category), ...model.groups.map((g) => g.category)])].sort();
  return (
    <ul className="cg-legend" aria-label="Categories">
      {categories.map((c) => (
        <li key={c}>
          <CategorySwatch color={color(c)} /> {c}
        </li>
      ))}
    </ul>
  );
}
