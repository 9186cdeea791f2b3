import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { CategoriesTable } from "@/components/overview/categories-table";
import { EmptyStore } from "@/components/overview/empty-store";
import { EventsPerDayPanel } from "@/components/overview/events-per-day-panel";
import { NewestEvents } from "@/components/overview/newest-events";
import { StoreTotals } from "@/components/overview/store-totals";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { LoadingRegion, Skeleton, SkeletonRows } from "@/components/ui/skeleton";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { getCategoryRanking } from "@/lib/growth/get-category-ranking";
import { listCategories } from "@/lib/store/list-streams";
import { getStoreTotals } from "@/lib/store/store-overview";

export const dynamic = "force-dynamic";
// The title template applies to nested routes only, so the root page spells its title out.
export const metadata: Metadata = { title: { absolute: "Overview · Hindsight" } };

export default async function OverviewPage() {
  const viewer = await requirePagePermission("events.read");
  const [totals, categories, ranking] = await Promise.all([getStoreTotals(), listCategories(), getCategoryRanking()]);
  if (totals.events === 0) {
    return (
      <>
        <PageHeader title="Overview" description="The event store at a glance." />
        <EmptyStore />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Overview" description="The event store at a glance: what it holds, how fast it grows, what arrived last." />
      <StoreTotals totals={totals} />
      {/* The two panels that read the events table stream in; the totals above come from the streams table. */}
      <Suspense fallback={<ChartSkeleton />}>
        <EventsPerDayPanel />
      </Suspense>
      <div className="grid-2">
        <Panel
          title="Categories"
          subtitle="Largest first, by events"
          flush
          action={<Link href="/streams">All streams</Link>}
        >
          <CategoriesTable categories={categories} ranking={ranking} />
        </Panel>
        <Suspense fallback={<TableSkeleton title="Newest events" />}>
          <NewestEvents pii={viewer.pii} />
        </Suspense>
      </div>
    </>
  );
}

function ChartSkeleton() {
  return (
    <Panel title="Events per day" subtitle="Last 90 days, UTC">
      <LoadingRegion label="Loading events per day">
        <Skeleton height="240px" />
      </LoadingRegion>
    </Panel>
  );
}

function TableSkeleton({ title }: { title: string }) {
  return (
    <Panel title={title}>
      <LoadingRegion label={`Loading ${title.toLowerCase()}`}>
        <SkeletonRows rows={10} />
      </LoadingRegion>
    </Panel>
  );
}
