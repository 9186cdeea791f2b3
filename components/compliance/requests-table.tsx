import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ErasureRequest } from "@/lib/compliance/erasure-request";
import { isOpen } from "@/lib/compliance/erasure-states";
import { formatInteger } from "@/lib/format";
import { DueLabel } from "./due-label";
import { StateBadge } from "./state-badge";

/** Erasure requests with their state, due date and what discovery found; each row opens the request. */
export function RequestsTable({ requests }: { requests: ErasureRequest[] }) {
  return (
    <DataTable label="Erasure requests list" className="erasure-table">
      <thead>
        <tr>
          <th scope="col">Subject</th>
          <th scope="col">State</th>
          <th scope="col">Due</th>
          <th scope="col" className="num">Events</th>
          <th scope="col">Requested by</th>
          <th scope="col">Received</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id} data-request-id={r.id} data-subject={r.subjectId}>
            <th scope="row" className="cell-strong">
              <Link href={`/compliance/requests/${r.id}`} className="mono">
                {r.subjectId}
              </Link>
            </th>
            <td>
              <StateBadge state={r.status} />
            </td>
            <td>
              <DueLabel dueAt={r.dueAt} open={isOpen(r.status)} />
            </td>
            <td className="num">{r.discovery ? formatInteger(r.discovery.events) : <span className="muted">—</span>}</td>
            <td>{r.requestedByLabel}</td>
            <td>
              <TimeAgo time={r.receivedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
