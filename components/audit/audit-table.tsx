import { Truncate } from "@/components/ui/truncate";
import { DataTable } from "@/components/ui/data-table";
import { TimeAgo } from "@/components/ui/time-ago";
import type { AuditRow } from "@/lib/audit/list-audit";

function kind(action: string): string | undefined {
  if (action === "permission.denied") return "denied";
  if (action.endsWith("_failed") || action.endsWith("_throttled")) return "failed";
  return undefined;
}

// Details as "key: value" lines: easier to scan than JSON; nested values stay compact JSON.
function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="audit-details">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{typeof v === "string" ? v : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Audit entries, newest first: who did what to which target, when and from where. */
export function AuditTable({ entries }: { entries: AuditRow[] }) {
  return (
    <DataTable label="Audit entries" className="audit-table">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">When</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">From</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td className="muted">{e.id}</td>
            <td className="cell-time">
              <TimeAgo time={e.at} />
            </td>
            <td>
              <Truncate text={e.actorLabel}>
                <span title={e.actorId}>{e.actorLabel}</span>
              </Truncate>
            </td>
            <td>
              <span className="audit-action" data-kind={kind(e.action)}>
                {e.action}
              </span>
            </td>
            <td className="audit-target">{e.target ? <Truncate text={e.target} /> : <span className="muted">—</span>}</td>
            <td className="nowrap" title={e.userAgent ?? undefined}>
              {e.ip ?? <span className="muted">—</span>}
            </td>
            <td className="cell-wrap">
              <Details details={e.details} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
