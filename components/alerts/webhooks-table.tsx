import { deleteWebhookAction, testWebhookAction } from "@/lib/alerts/alert-actions";
import type { DeliveryView } from "@/lib/alerts/list-alerts";
import type { WebhookView } from "@/lib/alerts/list-rules";
import { ActionButton } from "./action-button";
import { DeliveryLog } from "./delivery-log";

/** Endpoints with their delivery counts, a test send, and their latest deliveries. */
export function WebhooksTable({ webhooks, recent, canManage }: { webhooks: WebhookView[]; recent: Record<string, DeliveryView[]>; canManage: boolean }) {
  return (
    <ul className="webhook-list">
      {webhooks.map((w) => (
        <li key={w.id} className="webhook-item">
          <div className="webhook-head">
            <div>
              <strong>{w.name}</strong> <span className="mono break-all">{w.url}</span>
              <div className="muted">
                Secret: {w.secretSource === "env" ? `environment variable ${w.secretEnv}` : "generated, stored encrypted with the master key"} · {w.delivered} delivered · {w.pending} pending ·{" "}
                {w.failed} failed
              </div>
            </div>
            {canManage ? (
              <div className="button-row">
                <ActionButton action={testWebhookAction} fields={{ id: w.id }} label="Send test" pendingLabel="Sending…" showSuccess ariaLabel={`Send a test to ${w.name}`} />
                <ActionButton action={deleteWebhookAction} fields={{ id: w.id }} label="Remove" pendingLabel="Removing…" danger confirm={`Remove the endpoint “${w.name}” and its delivery log?`} />
              </div>
            ) : null}
          </div>
          <DeliveryLog deliveries={recent[w.id] ?? []} empty="none yet." />
        </li>
      ))}
    </ul>
  );
}
