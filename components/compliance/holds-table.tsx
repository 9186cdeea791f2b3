import { Truncate } from "@/components/ui/truncate";
import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { LegalHold } from "@/lib/compliance/legal-holds";
import { ReleaseHoldForm } from "./release-hold-form";

/** Legal holds, standing ones first, each with its release control when allowed. */
export function HoldsTable({ holds, canManage }: { holds: LegalHold[]; canManage: boolean }) {
  return (
    <DataTable label="Holds" className="holds-table">
      <thead>
        <tr>
          <th scope="col">Held</th>
          <th scope="col">Reason</th>
          <th scope="col">Placed</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {holds.map((h) => (
          <tr key={h.id} data-hold-target={h.target}>
            <th scope="row" className="cell-strong">
              <Badge>{h.scope}</Badge> <Truncate text={h.target} width="id" className="mono" />
            </th>
            <td className="cell-wrap">{h.reason}</td>
            <td>
              <TimeAgo time={h.createdAt} /> <div className="muted">
                by <Truncate text={h.createdBy} />
              </div>
            </td>
            <td>
              {h.standing ? (
                <Badge tone="danger">{h.expiresAt ? "Standing until expiry" : "Standing"}</Badge>
              ) : h.releasedAt ? (
                <Badge>Released</Badge>
              ) : (
                <Badge>Expired</Badge>
              )}
              {h.standing && h.expiresAt ? (
                <span className="muted">
                  {" "}
                  expires <TimeAgo time={h.expiresAt} />
                </span>
              ) : null}
            </td>
            <td className="num">{h.standing && canManage ? <ReleaseHoldForm holdId={h.id} label={`${h.scope} ${h.target}`} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
