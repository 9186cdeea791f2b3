import { DataTable } from "@/components/ui/data-table";
import { Panel } from "@/components/ui/panel";
import { formatBytes, formatCount, formatDuration } from "@/lib/format";
import type { StoreHealth } from "@/lib/growth/get-store-health";

/** Sizes and their growth, dead rows, free disk, and the transactions that hold log readers back. */
export function StoreHealthPanel({ health }: { health: StoreHealth }) {
  const disk = "freeBytes" in health.disk ? health.disk : null;
  return (
    <Panel
      title="Store health"
      subtitle={
        <>
          Database {formatBytes(health.database.bytes)} ·{" "}
          {disk ? (
            <span title={disk.path}>
              disk {formatBytes(disk.freeBytes)} free of {formatBytes(disk.totalBytes)} ({Math.round((100 * disk.freeBytes) / Math.max(1, disk.totalBytes))} %)
            </span>
          ) : (
            <>disk free unknown: {"unknown" in health.disk ? health.disk.unknown : ""}</>
          )}
        </>
      }
      flush
    >
      <div className="health-blocking" role="status">
        {health.blocking.length === 0 ? (
          <p className="muted">No open writing transaction is holding the log readers (rollups, projections, read-all) back.</p>
        ) : (
          <ul>
            {health.blocking.map((b) => (
              <li key={b.pid}>
                <strong>
                  Backend {b.pid} ({b.application})
                </strong>{" "}
                has held a transaction open for {formatDuration(b.ageSeconds)}
                {b.state ? ` (${b.state})` : ""}: log readers wait behind it. <span className="mono muted">{b.query}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <DataTable label="Tables and indexes">
        <thead>
          <tr>
            <th scope="col">Table</th>
            <th scope="col" className="num">Table</th>
            <th scope="col" className="num">Indexes</th>
            <th scope="col" className="num">Growth (≈ 24 h)</th>
            <th scope="col" className="num">Rows</th>
            <th scope="col" className="num">Dead rows</th>
          </tr>
        </thead>
        <tbody>
          {health.relations.map((r) => {
            // Many dead rows, and a large share of the table: autovacuum is behind (a few in a tiny table are normal).
            const deadShare = r.liveRows + r.deadRows > 0 ? r.deadRows / (r.liveRows + r.deadRows) : 0;
            return (
              <tr key={r.relation}>
                <th scope="row" className="mono">
                  {r.relation}
                </th>
                <td className="num">{formatBytes(r.tableBytes)}</td>
                <td className="num">{formatBytes(r.indexBytes)}</td>
                <td className="num" title={r.growthSince ? `since the sample of ${r.growthSince}` : "sizes are sampled hourly; growth shows from the second sample"}>
                  {r.growthBytes === null ? <span className="muted">—</span> : `${r.growthBytes >= 0 ? "+" : "−"}${formatBytes(Math.abs(r.growthBytes))}`}
                </td>
                <td className="num">{formatCount(r.liveRows)}</td>
                <td className={`num${deadShare > 0.2 && r.deadRows >= 10_000 ? " health-warn" : ""}`} title={`${Math.round(deadShare * 100)} % of the rows`}>
                  {formatCount(r.deadRows)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
    </Panel>
  );
}
