import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatCount, formatDuration, formatInteger, formatPerSecond } from "@/lib/format";
import type { ProjectionSummary } from "@/lib/projections/projection-views";
import { formatPosition, STATUS_LABEL } from "./format";

/** Every projection with its live version, position, lag, rate and errors. */
export function ProjectionsTable({ projections }: { projections: ProjectionSummary[] }) {
  return (
    <DataTable label="Projections list" className="projections-table">
      <thead>
        <tr>
          <th scope="col">Projection</th>
          <th scope="col">Live version</th>
          <th scope="col" className="num">Rows</th>
          <th scope="col" className="num">Position</th>
          <th scope="col" className="num">Lag</th>
          <th scope="col" className="num">Rate</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {projections.map((p) => (
          <tr key={p.name}>
            <th scope="row">
              <Link href={`/projections/${p.name}`} className="projection-link">
                {p.title}
              </Link>
              <div className="muted mono small">{p.name} · {p.categories.join(", ")}</div>
            </th>
            <td>
              {p.live ? (
                <>
                  v{p.live.codeVersion} <span className="muted">(#{p.live.id})</span>
                  {p.latestCodeVersion > p.live.codeVersion ? (
                    <>
                      {" "}
                      <Badge tone="info" title="a newer version exists in code: rebuild it from the detail page">v{p.latestCodeVersion} in code</Badge>
                    </>
                  ) : null}
                </>
              ) : (
                <span className="muted">none yet</span>
              )}
            </td>
            <td className="num">{p.live ? formatInteger(p.live.rows) : "—"}</td>
            <td className="num mono">{p.live ? formatPosition(p.live.position) : "—"}</td>
            <td className="num">{p.live ? `${formatCount(p.live.lagEvents)} ev · ${formatDuration(p.live.lagSeconds)}` : "—"}</td>
            <td className="num">{formatPerSecond(p.live?.rate)}</td>
            <td>
              {p.live?.parked ? (
                <Badge tone="danger" title={p.live.parked.error}>parked on an event</Badge>
              ) : p.live ? (
                <Badge tone="success">following</Badge>
              ) : null}
              {p.others.map((o) => (
                <span key={o.id}>
                  {" "}
                  <Badge tone={o.status === "failed" ? "danger" : o.status === "previous" ? "neutral" : "warning"}>
                    {o.kind === "drill" ? "drill" : `v${o.codeVersion}`} {STATUS_LABEL[o.status]}
                  </Badge>
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
