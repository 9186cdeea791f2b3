import { Panel } from "@/components/ui/panel";
import { formatBytes, formatCount } from "@/lib/format";
import { getForecast } from "@/lib/growth/get-forecast";
import { getStoreHealth } from "@/lib/growth/get-store-health";
import { listFastestStreams, listUnboundedStreams } from "@/lib/growth/list-stream-growth";
import type { Forecast, Milestone } from "@/lib/growth/forecast";
import { ForecastChart } from "./forecast-chart";
import { StoreHealthPanel } from "./store-health-panel";
import { StreamGrowthTable } from "./stream-growth-table";

export const DEFAULT_UNBOUNDED_RATE = 10;

function reaches(m: Milestone, format: (n: number) => string): string {
  if (m.days === null) return `does not reach ${format(m.target)} within 10 years at this trend`;
  return `reaches ${format(m.target)} in ${m.days} day${m.days === 1 ? "" : "s"}`;
}

function ForecastSummary({ f }: { f: Forecast }) {
  return (
    <p className="chart-summary" data-testid="forecast-summary">
      Fitted over the last {f.daysUsed} complete days: about {formatCount(f.events.perDayNow)} events ({formatBytes(f.bytes.perDayNow)}) a day now,{" "}
      {f.events.slopePerDay >= 0 ? "+" : "−"}
      {formatCount(Math.abs(f.events.slopePerDay))} a day more each day. The store {reaches(f.events.milestone, (n) => `${formatCount(n)} events`)} and{" "}
      {reaches(f.bytes.milestone, formatBytes)}.
    </p>
  );
}

/**
 * Below the charts: where the store is heading (forecast), which streams grow fastest, which
 * grow without bound, and the health of the tables underneath. Rollups, streams and the catalog only.
 */
export async function GrowthOutlook({ ratePerDay }: { ratePerDay: number }) {
  const [forecast, fastest, unbounded, health] = await Promise.all([
    getForecast({ weeks: 4, ahead: 30 }),
    listFastestStreams({ limit: 10 }),
    listUnboundedStreams({ ratePerDay }),
    getStoreHealth(),
  ]);
  return (
    <>
      <Panel title="Forecast" subtitle="A straight-line trend of daily volume over the last 4 weeks, projected 30 days on (dashed)">
        {forecast.daysUsed < 2 ? (
          <p className="panel-empty">A forecast needs at least two complete days of events; come back tomorrow.</p>
        ) : (
          <>
            <ForecastSummary f={forecast} />
            <div className="grid-2 forecast-charts">
              <div>
                <h3 className="forecast-title">Events stored</h3>
                <ForecastChart rows={forecast.rows} metric="events" />
              </div>
              <div>
                <h3 className="forecast-title">Bytes stored</h3>
                <ForecastChart rows={forecast.rows} metric="bytes" />
              </div>
            </div>
          </>
        )}
      </Panel>
      <div className="growth-section">
        <Panel title="Unbounded streams" subtitle={`Far past their snapshot threshold (2×), or 1 k+ events and growing faster than ${formatCount(ratePerDay)} a day`} flush
          action={
            <form method="get" action="/growth" className="inline-form" aria-label="Growth rate limit">
              <label htmlFor="unbounded-rate" className="visually-hidden">Events per day</label>
              <input id="unbounded-rate" name="rate" type="number" min={1} step={1} defaultValue={ratePerDay} className="input input-narrow" />
              <button type="submit" className="button button-small">Per day</button>
            </form>
          }
        >
          {unbounded.length ? (
            <StreamGrowthTable streams={unbounded} showReasons />
          ) : (
            <p className="panel-empty">No stream grows without bound at this rate. Lower the rate to see the next candidates.</p>
          )}
        </Panel>
        <Panel title="Fastest-growing streams" subtitle="Events per day over each stream's life (streams of 100+ events)" flush>
          {fastest.length ? <StreamGrowthTable streams={fastest} /> : <p className="panel-empty">No stream has 100 events yet.</p>}
        </Panel>
      </div>
      <StoreHealthPanel health={health} />
    </>
  );
}
