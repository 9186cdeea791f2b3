import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { DEFAULT_UNBOUNDED_RATE, GrowthOutlook } from "@/components/growth/growth-outlook";
import { GrowthArchivePanel } from "@/components/archive/growth-archive-panel";
import { GrowthChart } from "@/components/growth/growth-chart";
import { GrowthControls, RANGES, type GroupBy, type RangeDays } from "@/components/growth/growth-controls";
import { LongestStreamsTable } from "@/components/growth/longest-streams-table";
import { StorageChart } from "@/components/growth/storage-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { formatBytes, formatCount, formatInteger } from "@/lib/format";
import { getBytesBefore, getGrowth, growthQuerySchema } from "@/lib/growth/get-growth";
import { getRollupLag } from "@/lib/growth/get-rollup-lag";
import { bucketStarts, growthRange, toGrowthSeries, type SeriesRow } from "@/lib/growth/growth-series";
import { listLongestStreams } from "@/lib/growth/list-longest-streams";
import { firstParam, positiveIntParam, type SearchParams } from "@/lib/search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Growth" };

export default async function GrowthPage(props: { searchParams: Promise<SearchParams> }) {
  await requirePagePermission("stats.read");
  const params = await props.searchParams;
  const days = (RANGES as readonly number[]).includes(Number(firstParam(params, "days"))) ? (Number(firstParam(params, "days")) as RangeDays) : 30;
  const by: GroupBy = firstParam(params, "by") === "type" ? "type" : "category";
  const rate = positiveIntParam(params, "rate") ?? DEFAULT_UNBOUNDED_RATE;
  const { from, to, bucket } = growthRange(days);
  const query = growthQuerySchema.parse({ from: from.toISOString(), to: to.toISOString(), bucket, groupBy: by });
  const [buckets, bytesBefore, lag, streams] = await Promise.all([getGrowth(query), getBytesBefore(query.from), getRollupLag(), listLongestStreams(10)]);
  const series = toGrowthSeries(buckets, bucketStarts(from, to, bucket), bytesBefore);
  const per = bucket === "hour" ? "hour" : "day";
  const bucketTotal = (row: SeriesRow): number => series.keys.reduce((sum: number, k) => sum + Number(row[k]), 0);
  const peak = Math.max(0, ...series.events.map(bucketTotal));

  return (
    <>
      <PageHeader
        title="Growth"
        description="How fast the store grows, by category or event type, from hourly rollups (UTC). The page never scans the events table."
        actions={<GrowthControls days={days} by={by} />}
      />
      {lag.events > 0 ? (
        <p className="chart-summary" role="status">
          The rollups are catching up: {formatInteger(lag.events)} newer events are not counted yet.
        </p>
      ) : null}
      {series.totals.events === 0 ? (
        <div className="growth-section">
          <EmptyState title={`No events in the last ${days} days`}>
            {lag.events > 0 ? (
              "The rollups are still being built from the log; this page fills in within a minute or so."
            ) : (
              <>
                Append events through the API (<code>POST /api/v1/streams/&#123;streamId&#125;/events</code>) or pick a longer range above.
              </>
            )}
          </EmptyState>
        </div>
      ) : (
        <>
          <Panel title={`Events per ${per}`} subtitle={`Last ${days} days, stacked by ${by}`}>
            <p className="chart-summary">
              {formatInteger(series.totals.events)} events in the last {days} days ({formatCount(series.totals.events / days)} a day on average); the busiest {per} held{" "}
              {formatInteger(peak)}.
            </p>
            <GrowthChart rows={series.events} keys={series.keys} unit="events" bucket={bucket} />
          </Panel>
          <div className="grid-2 growth-section">
            <Panel title={`Bytes per ${per}`} subtitle={`Event data and metadata, stacked by ${by}`}>
              <p className="chart-summary">{formatBytes(series.totals.bytes)} written in the last {days} days.</p>
              <GrowthChart rows={series.bytes} keys={series.keys} unit="bytes" bucket={bucket} />
            </Panel>
            <Panel title="Storage" subtitle="Cumulative event bytes at the end of each bucket">
              <p className="chart-summary">
                From {formatBytes(bytesBefore)} to {formatBytes(series.storage.at(-1)?.bytes ?? bytesBefore)} over {days} days.
              </p>
              <StorageChart rows={series.storage} bucket={bucket} />
            </Panel>
          </div>
        </>
      )}
      <GrowthArchivePanel />
      <Panel title="Longest streams" subtitle="By events; long streams make replays and time travel slow" flush action={<Link href="/streams">All streams</Link>}>
        {streams.length === 0 ? <p className="panel-empty">No streams yet.</p> : <LongestStreamsTable streams={streams} />}
      </Panel>
      <Suspense fallback={<LoadingRegion label="Loading the forecast, stream growth and store health"><SkeletonRows rows={10} /></LoadingRegion>}>
        <GrowthOutlook ratePerDay={rate} />
      </Suspense>
    </>
  );
}
