import { DataTable } from "@/components/ui/data-table";
import type { CausationMap } from "@/lib/causation/get-causation-map";
import type { MapWindow } from "@/lib/causation/map-window";
import { formatInteger, formatPerHour } from "@/lib/format";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { CausationMapGraph } from "./causation-map-graph";
import { CyclesList } from "./cycles-list";
import { RunawayTable } from "./runaway-table";

/** The map of one window: the type graph, its cycles, the type pairs as a table, and the runaway chains. */
export function MapPanels({ map, window }: { map: CausationMap; window: MapWindow }) {
  const { thresholds } = map;
  return (
    <>
      <p className="chart-summary" role="status">
        {window.label}: {formatInteger(map.events)} events in a correlation or with a cause, {formatInteger(map.caused)} of them caused by an event the store holds; {formatInteger(map.cycles.length)} cycle
        {map.cycles.length === 1 ? "" : "s"} among event types; {formatInteger(map.runaways.length)} runaway chain{map.runaways.length === 1 ? "" : "s"}.
      </p>
      <div className="cm-grid">
        <Panel title="Type-level map" subtitle="Cause type → effect type, with events and events per hour over the window; cycles in red">
          {map.edges.length === 0 ? (
            <EmptyState title="No causation links in this window">
              Events name their cause with <code>causationId</code> (the id of the event or command that caused them). Pick a longer window, or append events that carry one.
            </EmptyState>
          ) : (
            <CausationMapGraph types={map.types} edges={map.edges} />
          )}
        </Panel>
        <div className="cm-side">
          <Panel title="Cycles" subtitle="Strongly connected event types: each can cause itself again">
            {map.cycles.length === 0 ? <p className="panel-empty">No cycle among event types in this window.</p> : <CyclesList cycles={map.cycles} />}
          </Panel>
        </div>
      </div>
      <Panel
        title="Runaway chains"
        subtitle={`Correlations deeper than ${formatInteger(thresholds.maxDepth)}, with more than ${formatInteger(thresholds.maxEvents)} events, or running faster than ${formatInteger(thresholds.maxPerHour)} events an hour`}
        flush
      >
        {map.runaways.length === 0 ? <p className="panel-empty">No runaway chain in this window.</p> : <RunawayTable runaways={map.runaways} thresholds={thresholds} />}
      </Panel>
      <Panel title="Cause → effect" subtitle="Every pair in the window" flush>
        {map.edges.length === 0 ? (
          <p className="panel-empty">None.</p>
        ) : (
          <DataTable label="Edges">
            <thead>
              <tr>
                <th scope="col">Cause</th>
                <th scope="col">Effect</th>
                <th scope="col" className="num">Events</th>
                <th scope="col" className="num">Per hour</th>
              </tr>
            </thead>
            <tbody>
              {map.edges.map((e) => (
                <tr key={`${e.from}\u0000${e.to}`} className={e.inCycle ? "cm-hot" : undefined}>
                  <td className="cell-type">{e.from}</td>
                  <td className="cell-type">
                    {e.to}
                    {e.inCycle ? <span className="visually-hidden"> (in a cycle)</span> : null}
                  </td>
                  <td className="num">{formatInteger(e.count)}</td>
                  <td className="num">{formatPerHour(e.perHour)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </Panel>
    </>
  );
}
