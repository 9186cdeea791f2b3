import { Panel } from "@/components/ui/panel";
import { formatDay, formatInteger } from "@/lib/format";
import { getEventsPerDay } from "@/lib/store/store-overview";
import { EventsPerDayChart } from "./events-per-day-chart";

const DAYS = 90;

/** Loads and charts events per day; it reads the events table, so the page streams it in. */
export async function EventsPerDayPanel() {
  const data = await getEventsPerDay(DAYS);
  const total = data.reduce((sum, d) => sum + d.count, 0);
  const peak = data.reduce((best, d) => (d.count > best.count ? d : best), data[0] ?? { day: "", count: 0 });
  const summary =
    total === 0
      ? `No events were recorded in the last ${DAYS} days.`
      : `${formatInteger(total)} events in the last ${DAYS} days; the busiest day was ${formatDay(peak.day)} with ${formatInteger(peak.count)}.`;
  return (
    <Panel title="Events per day" subtitle={`Last ${DAYS} days, UTC`}>
      <p className="chart-summary">{summary}</p>
      <EventsPerDayChart data={data} marked={total > 0 ? peak.day : null} />
    </Panel>
  );
}
