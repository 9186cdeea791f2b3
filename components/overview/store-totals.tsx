import { TimeAgo } from "@/components/ui/time-ago";
import { formatBytes, formatCount, formatDateTime, formatInteger } from "@/lib/format";
import type { StoreTotals as Totals } from "@/lib/store/store-overview";

type Tile = { label: string; value: React.ReactNode; hint?: React.ReactNode; exact?: string; time?: boolean };

/** The store at a glance: six tiles, abbreviated numbers with the exact value on hover. */
export function StoreTotals({ totals }: { totals: Totals }) {
  const tiles: Tile[] = [
    { label: "Events", value: formatCount(totals.events), exact: `${formatInteger(totals.events)} events` },
    { label: "Streams", value: formatCount(totals.streams), exact: `${formatInteger(totals.streams)} streams` },
    { label: "Stored", value: formatBytes(totals.bytes), exact: `${formatInteger(totals.bytes)} bytes of event data and metadata` },
    { label: "Categories", value: formatCount(totals.categories), exact: `${formatInteger(totals.categories)} categories` },
    {
      label: "First event",
      time: true,
      value: <TimeAgo time={totals.firstEventAt} />,
      hint: formatDateTime(totals.firstEventAt),
    },
    {
      label: "Last event",
      time: true,
      value: <TimeAgo time={totals.lastEventAt} />,
      hint: formatDateTime(totals.lastEventAt),
    },
  ];
  return (
    <dl className="stat-grid">
      {tiles.map((t) => (
        <div key={t.label} className={t.time ? "stat stat-time" : "stat"}>
          <dt className="stat-label">{t.label}</dt>
          <dd className="stat-value" title={t.exact}>
            {t.value}
          </dd>
          {t.hint ? <dd className="stat-hint">{t.hint}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
