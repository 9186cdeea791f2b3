import { deleteWebhookAction, rotateWebhookSecretAction, testWebhookAction } from "@/lib/alerts/alert-actions";
import type { DeliveryView } from "@/lib/alerts/list-alerts";
import type { WebhookView } from "@/lib/alerts/list-rules";
import { Badge } from "@/components/ui/badge";
import { ActionButton } from "@/components/ui/action-button";
import { DeliveryLog } from "./delivery-log";

/** Endpoints with their delivery counts, a test send, and their latest deliveries. */
export function WebhooksTable({ webhooks, recent, canManage }: { webhooks: WebhookView[]; recent: Record<string, DeliveryView[]>; canManage: boolean }) {
  return (
    <ul className="webhook-list">
      {webhooks.map((w) => (
        <li key={w.id} className="webhook-item">
          <div className="webhook-head">
            <div>
              <strong>{w.name}</strong> {w.url ? <span className="mono break-all">{w.url}</span> : null}
              <div className="muted">
                Secret:{" "}
                {w.needsSecret ? (
                  <Badge tone="danger">needs a new secret</Badge>
                ) : (
                  <span className="mono" data-testid="webhook-secret-hint">
                    ••••{w.secretHint}
                  </span>
                )}{" "}
                · {w.delivered} delivered · {w.pending} pending · {w.failed} failed
              </div>
            </div>
            {canManage ? (
              <div className="button-row">
                <ActionButton action={testWebhookAction} fields={{ id: w.id }} label="Send test" pendingLabel="Sending…" showSuccess ariaLabel={`Send a test to ${w.name}`} />
                <ActionButton action={rotateWebhookSecretAction} fields={{ id: w.id }} label="New secret" pendingLabel="Sealing…" showSuccess confirm={`Replace the signing secret of “${w.name}”? The receiver must get the new one.`} ariaLabel={`New signing secret for ${w.name}`} />
                <ActionButton action={deleteWebhookAction} fields={{ id: w.id }} label="Remove" pendingLabel="Removing…" tone="danger" confirm={`Remove the endpoint “${w.name}” and its delivery log?`} />
              </div>
            ) : null}
          </div>
          <DeliveryLog deliveries={recent[w.id] ?? []} empty="none yet." />
        </li>
      ))}
    </ul>
  );
}
