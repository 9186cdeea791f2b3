import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { deleteAlertRuleAction, setAlertRuleEnabledAction } from "@/lib/alerts/alert-actions";
import type { RuleView } from "@/lib/alerts/list-rules";
import type { RuleKindInfo } from "@/lib/alerts/rule-kind";
import { ActionButton } from "@/components/ui/action-button";
import { SEVERITY_TONE } from "./alert-list";
import { RuleForm } from "./rule-form";

/** The rules: what each watches, its state, and (for ops) edit, enable/disable and delete. */
export function RulesTable({ rules, kinds, canManage }: { rules: RuleView[]; kinds: RuleKindInfo[]; canManage: boolean }) {
  return (
    <DataTable label="Alert rules" className="rules-table">
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Watches</th>
          <th scope="col">Severity</th>
          <th scope="col">State</th>
          <th scope="col">Last evaluated</th>
          {canManage ? <th scope="col">Manage</th> : null}
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => (
          <tr key={r.id} data-testid="rule-row">
            <th scope="row" className="cell-strong">
              {r.name}
              <div className="muted">{r.kindLabel}</div>
            </th>
            <td>
              {r.description}
              {canManage ? (
                <details className="rule-edit">
                  <summary>Edit</summary>
                  <RuleForm kinds={kinds} rule={{ id: r.id, name: r.name, kind: r.kind, severity: r.severity, params: r.params }} />
                </details>
              ) : null}
            </td>
            <td>
              <Badge tone={SEVERITY_TONE[r.severity]}>{r.severity}</Badge>
            </td>
            <td>
              {!r.enabled ? <Badge>disabled</Badge> : r.firing > 0 ? <Badge tone="danger">{r.firing} firing</Badge> : <Badge tone="success">ok</Badge>}
              {r.silencedUntil ? (
                <div className="muted">
                  silenced until <TimeAgo time={r.silencedUntil} />
                </div>
              ) : null}
              {r.lastError ? (
                <div className="row-message error" title={r.lastError}>
                  cannot evaluate: {r.lastError}
                </div>
              ) : null}
            </td>
            <td>
              <TimeAgo time={r.lastEvaluatedAt} />
            </td>
            {canManage ? (
              <td>
                <div className="button-row">
                  <ActionButton
                    action={setAlertRuleEnabledAction}
                    fields={{ id: r.id, enabled: String(!r.enabled) }}
                    label={r.enabled ? "Disable" : "Enable"}
                    pendingLabel="…"
                    ariaLabel={`${r.enabled ? "Disable" : "Enable"} ${r.name}`}
                  />
                  <ActionButton
                    action={deleteAlertRuleAction}
                    fields={{ id: r.id }}
                    label="Delete"
                    pendingLabel="Deleting…"
                    tone="danger"
                    confirm={`Delete the rule “${r.name}” with its alerts and their history? The audit log keeps a record.`}
                    ariaLabel={`Delete ${r.name}`}
                  />
                </div>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
