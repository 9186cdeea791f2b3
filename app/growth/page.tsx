import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { DEFAULT_UNBOUNDED_RATE, GrowthOutlook } from "@/components/growth/growth-outlook";
import { GrowthArchivePanel } from "@/components/archive/growth-archive-panel";
import { GrowthChart } from "@/components/growth/growth-chart";
import { GrowthRankingTable } from "@/components/growth/growth-ranking-table";
import { streamsOfBucketHref } from "@/components/growth/streams-of-bucket";
import { CategoryColorsProvider } from "@/components/ui/category-colors";
import { GrowthControls, RANGES, type GroupBy, type RangeDays } from "@/components/growth/growth-controls";
import { LongestStreamsTable } from "@/components/growth/longest-streams-table";
import { StorageChart } from "@/components/growth/storage-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { formatBytes, formatCount, formatDateTime, formatDay, formatInteger } from "@/lib/format";
import { getBytesBefore, getGrowth, growthQuerySchema } from "@/lib/growth/get-growth";
import { getRollupLag } from "@/lib/growth/get-rollup-lag";
import { getCategoryRanking } from "@/lib/growth/get-category-ranking";
import { bucketStarts, growthRange, toGrowthSeries } from "@/lib/growth/growth-series";
import { axisTicks, summarizeGrowth } from "@/lib/growth/growth-summary";
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
  const [buckets, bytesBefore, lag, streams, ranking] = await Promise.all([getGrowth(query), getBytesBefore(query.from), getRollupLag(), listLongestStreams(10), getCategoryRanking()]);
  const starts = bucketStarts(from, to, bucket);
  const series = toGrowthSeries(buckets, starts, bytesBefore);
  const { busiest, ranked } = summarizeGrowth(buckets, starts);
  const ticks = axisTicks(starts, busiest?.start ?? null);
  const per = bucket === "hour" ? "hour" : "day";
  const fromDay = from.toISOString().slice(0, 10);
  const toDay = new Date(to.getTime() - 1).toISOString().slice(0, 10);
  const busiestWhen = busiest ? (bucket === "day" ? formatDay(busiest.start.slice(0, 10)) : `${formatDateTime(busiest.start)} UTC`) : "";

  return (
    <CategoryColorsProvider ranking={ranking}>
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
            <p className="chart-summary" data-testid="growth-summary">
              {formatInteger(series.totals.events)} events in the last {days} days ({formatCount(series.totals.events / days)} a day on average).
              {busiest ? (
                <>
                  {" "}
                  The busiest {per} was <strong>{busiestWhen}</strong> with {formatInteger(busiest.total)} events, most of them in {by === "category" ? "the category" : "the type"}{" "}
                  <Link href={streamsOfBucketHref(by, busiest.topKey, busiest.start)} className="mono">
                    {busiest.topKey}
                  </Link>{" "}
                  ({formatInteger(busiest.topCount)}). Click a bar to see the streams of its {by} and day.
                </>
              ) : null}
            </p>
            <GrowthChart rows={series.events} keys={series.keys} unit="events" bucket={bucket} by={by} ticks={ticks} marked={busiest?.start ?? null} />
          </Panel>
          <Panel title={`${by === "category" ? "Categories" : "Event types"} by growth`} subtitle={`Ranked by the events each added in the last ${days} days; the trend compares the window's second half with its first`} flush>
            <GrowthRankingTable ranked={ranked} by={by} ranking={ranking} fromDay={fromDay} toDay={toDay} />
          </Panel>
          <div className="grid-2 growth-section">
            <Panel title={`Bytes per ${per}`} subtitle={`Event data and metadata, stacked by ${by}`}>
              <p className="chart-summary">{formatBytes(series.totals.bytes)} written in the last {days} days.</p>
              <GrowthChart rows={series.bytes} keys={series.keys} unit="bytes" bucket={bucket} by={by} />
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
    </CategoryColorsProvider>
  );
}
