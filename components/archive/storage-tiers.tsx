import { DataTable } from "@/components/ui/data-table";
import { formatBytes, formatCount, formatInteger } from "@/lib/format";
import type { ArchivePolicy } from "@/lib/archive/archive-policies";
import type { StorageTiers as Tiers } from "@/lib/archive/list-archive";

/** Hot, cold and hold storage side by side: events and bytes in each tier, and what moved. */
export function StorageTiers({ tiers }: { tiers: Tiers }) {
  const tiles = [
    { label: "Hot events", raw: tiers.hot.events, value: formatCount(tiers.hot.events), exact: `${formatInteger(tiers.hot.events)} events in the events table`, hint: `${formatBytes(tiers.hot.bytes)} of event data` },
    { label: "Hot table on disk", raw: tiers.hot.tableBytes, value: formatBytes(tiers.hot.tableBytes), exact: `${formatInteger(tiers.hot.tableBytes)} bytes with indexes`, hint: "with indexes; space is reused after autovacuum" },
    { label: "Cold events", raw: tiers.cold.events, value: formatCount(tiers.cold.events), exact: `${formatInteger(tiers.cold.events)} archived events`, hint: `${formatBytes(tiers.cold.bytes)} compressed in ${formatInteger(tiers.cold.segments)} segments` },
    { label: "Bytes moved", raw: tiers.cold.eventBytes, value: formatBytes(tiers.cold.eventBytes), exact: `${formatInteger(tiers.cold.eventBytes)} bytes of event data moved out of the hot table`, hint: "event data moved to cold storage" },
    { label: "Hold copies", raw: tiers.hold.events, value: formatCount(tiers.hold.events), exact: `${formatInteger(tiers.hold.events)} events sealed under legal holds`, hint: `${formatBytes(tiers.hold.bytes)} in ${formatInteger(tiers.hold.segments)} sealed segments` },
  ];
  return (
    <dl className="stat-grid archive-tiers" data-testid="storage-tiers">
      {tiles.map((t) => (
        <div key={t.label} className="stat" data-tier={t.label}>
          <dt className="stat-label">{t.label}</dt>
          <dd className="stat-value" title={t.exact} data-value={t.raw}>
            {t.value}
          </dd>
          <dd className="stat-hint">{t.hint}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What each policy has saved: the bytes its events weighed hot against what they take compressed. */
export function PolicySavings({ policies }: { policies: ArchivePolicy[] }) {
  if (policies.length === 0) return <p className="panel-empty muted">No archive policies yet: ops create them on the Archive page.</p>;
  return (
    <DataTable label="Storage tiers">
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col">Policy</th>
          <th scope="col" className="num">Archived events</th>
          <th scope="col" className="num">Hot bytes freed</th>
          <th scope="col" className="num">Cold bytes</th>
          <th scope="col" className="num">Saved</th>
          <th scope="col" className="num" title="Older than the policy's age, to the hour (from the hourly rollups), not yet archived; held events included">Due now</th>
        </tr>
      </thead>
      <tbody>
        {policies.map((p) => (
          <tr key={p.category}>
            <th scope="row" className="cell-strong">{p.category}</th>
            <td className="muted">older than {p.olderThanDays} days{p.historyOnly ? ", history only" : ""}{p.enabled ? "" : " (paused)"}</td>
            <td className="num">{formatInteger(p.archivedEvents)}</td>
            <td className="num">{formatBytes(p.archivedEventBytes)}</td>
            <td className="num">{formatBytes(p.coldBytes)}</td>
            <td className="num">{p.archivedEventBytes > 0 ? `${Math.round((1 - p.coldBytes / p.archivedEventBytes) * 100)}%` : "—"}</td>
            <td className="num">{formatInteger(p.dueEvents)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
