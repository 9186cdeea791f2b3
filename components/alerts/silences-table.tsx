import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { expireSilenceAction } from "@/lib/alerts/alert-actions";
import type { SilenceView } from "@/lib/alerts/list-rules";
import { formatDateTime } from "@/lib/format";
import { ActionButton } from "@/components/ui/action-button";

/** Silences in force (with "End now") and those that ended in the last week. */
export function SilencesTable({ silences, canManage }: { silences: SilenceView[]; canManage: boolean }) {
  return (
    <DataTable label="Silences">
      <thead>
        <tr>
          <th scope="col">Mutes</th>
          <th scope="col">Reason</th>
          <th scope="col">By</th>
          <th scope="col">Until</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {silences.map((s) => (
          <tr key={s.id}>
            <th scope="row" className="cell-strong">
              {s.ruleId ? `rule “${s.ruleName}”` : `category ${s.category}`}
            </th>
            <td>{s.reason}</td>
            <td>{s.createdBy}</td>
            <td title={formatDateTime(s.endsAt)}>
              <TimeAgo time={s.endsAt} />
            </td>
            <td>
              {s.active ? (
                <div className="button-row">
                  <Badge tone="warning">in force</Badge>
                  {canManage ? <ActionButton action={expireSilenceAction} fields={{ id: s.id }} label="End now" pendingLabel="Ending…" /> : null}
                </div>
              ) : (
                <Badge>{s.expiredBy ? `ended by ${s.expiredBy}` : "ended"}</Badge>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
