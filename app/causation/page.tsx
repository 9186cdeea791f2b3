import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CausationTabs } from "@/components/causation/causation-tabs";
import { CorrelationPanel } from "@/components/causation/correlation-panel";
import { CorrelationSearch } from "@/components/causation/correlation-search";
import { MapPanels } from "@/components/causation/map-panels";
import { WindowControls } from "@/components/causation/window-controls";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { findCorrelation } from "@/lib/causation/find-correlation";
import { getCausationMap } from "@/lib/causation/get-causation-map";
import { getCorrelationGraph } from "@/lib/causation/get-correlation-graph";
import { mapWindow } from "@/lib/causation/map-window";
import { isAppError } from "@/lib/errors";
import { getCategoryRanking } from "@/lib/growth/get-category-ranking";
import { isUuid } from "@/lib/ids";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Causation" };

export default async function CausationPage(props: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission("events.read");
  const params = await props.searchParams;
  const q = firstParam(params, "q");
  const correlation = firstParam(params, "correlation");

  if (q !== undefined) {
    const found = await findCorrelation(q);
    if (found.found === "correlation" || found.found === "event") redirect(`/causation?correlation=${found.correlationId}${found.found === "event" ? `&event=${found.eventId}` : ""}`);
    return (
      <>
        <PageHeader title="Causation" actions={<CausationTabs current="map" />} />
        <CorrelationSearch value={q} />
        <EmptyState title={found.found === "uncorrelated-event" ? "This event carries no correlation id" : "Nothing carries this id"}>
          {found.found === "uncorrelated-event" ? (
            <>
              It was appended without a correlationId, so it belongs to no causation graph. <Link href={`/events/${found.eventId}`}>Open the event</Link> on its stream instead.
            </>
          ) : isUuid(q.trim())
              ? "No event has this correlation id or event id. Check the id, or pick a runaway chain from the map."
              : "Correlation ids and event ids are UUIDs (e.g. 0192f4c1-7d3e-7a10-9c2b-5e8f1a2b3c4d)."}
        </EmptyState>
      </>
    );
  }

  if (correlation !== undefined) {
    const ranking = await getCategoryRanking();
    const graph = isUuid(correlation)
      ? await getCorrelationGraph({ correlationId: correlation, pii: viewer.permissions.has("pii.read") ? "clear" : "masked" }).catch((e) => {
          if (isAppError(e) && e.code === "not_found") return null;
          throw e;
        })
      : null;
    return (
      <>
        <PageHeader eyebrow="Causation graph" title={<span className="mono cg-title">{correlation}</span>} actions={<CausationTabs current="map" />} />
        <CorrelationSearch value={correlation} />
        {graph ? (
          <CorrelationPanel graph={graph} ranking={ranking} />
        ) : (
          <EmptyState title="No event carries this correlation id">Check the id, or search for any event id of the chain above.</EmptyState>
        )}
      </>
    );
  }

  const window = mapWindow({ window: firstParam(params, "window"), from: firstParam(params, "from"), to: firstParam(params, "to") }, new Date());
  const map = await getCausationMap({ from: window.from, to: window.to });
  return (
    <>
      <PageHeader
        title="Causation"
        description="Which event types cause which, loops among them, and correlations that run away. Search for a correlation or event id to draw its graph."
        actions={<CausationTabs current="map" />}
      />
      <CorrelationSearch />
      <WindowControls window={window} />
      <MapPanels map={map} window={window} />
    </>
  );
}
