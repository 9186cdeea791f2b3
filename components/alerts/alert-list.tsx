import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatDateTime } from "@/lib/format";
import type { AlertHistoryEntry, AlertView, DeliveryView } from "@/lib/alerts/list-alerts";
import { AckForm } from "./ack-form";
import { AlertFacts } from "./alert-facts";
import { DeliveryLog } from "./delivery-log";

export const SEVERITY_TONE: Record<string, BadgeTone> = { critical: "danger", warning: "warning", info: "info" };

export type AlertListProps = {
  alerts: AlertView[];
  history: AlertHistoryEntry[];
  deliveries: DeliveryView[];
  canManage: boolean;
  label: string;
};

/** Alerts as cards: what, why (the kind's facts), since when, who is on it, and what was sent where. */
export function AlertList({ alerts, history, deliveries, canManage, label }: AlertListProps) {
  return (
    <ul className="alert-list" aria-label={label}>
      {alerts.map((a) => {
        const lines = history.filter((h) => h.alertId === a.id);
        const sent = deliveries.filter((d) => d.alertId === a.id);
        return (
          <li key={a.id} className={`alert-item alert-${a.state} alert-severity-${a.severity}`} data-testid="alert-item">
            <div className="alert-head">
              <Badge tone={a.state === "firing" ? SEVERITY_TONE[a.severity] : "success"}>{a.state === "firing" ? a.severity : "resolved"}</Badge>
              {a.silenced ? (
                <Badge tone="neutral" title="A silence covers this alert: it is recorded and shown here, but no webhook is sent while the silence lasts.">
                  silenced · not notified
                </Badge>
              ) : null}
              <span className="alert-rule">{a.ruleName}</span>
              <span className="alert-when">
                {a.state === "firing" ? (
                  <>
                    firing since <TimeAgo time={a.firedAt} />
                  </>
                ) : (
                  <>
                    {formatDateTime(a.firedAt)} → {formatDateTime(a.resolvedAt)}
                  </>
                )}
              </span>
            </div>
            <p className="alert-summary">
              {a.summary}
              {a.href ? (
                <>
                  {" "}
                  <Link href={a.href} className="subtle-link">
                    Look →
                  </Link>
                </>
              ) : null}
            </p>
            <AlertFacts kind={a.ruleKind} details={a.details} />
            {a.acknowledgedAt ? (
              <p className="alert-ack">
                Acknowledged by {a.acknowledgedBy} <TimeAgo time={a.acknowledgedAt} />: “{a.ackComment}”
              </p>
            ) : a.state === "firing" && canManage ? (
              <AckForm alertId={a.id} />
            ) : null}
            <details className="alert-more">
              <summary>
                History ({lines.length}) and webhook deliveries ({sent.length})
              </summary>
              <ol className="alert-history">
                {lines.map((h, i) => (
                  <li key={i}>
                    <span className="mono">{formatDateTime(h.at)}</span> <strong>{h.event}</strong>
                    {h.actor ? ` by ${h.actor}` : ""}
                    {/* What was true when it fired (the card shows the latest evaluation); a resolution repeats the card. */}
                    {h.summary && h.event !== "resolved" ? ` — ${h.summary}` : ""}
                  </li>
                ))}
              </ol>
              <DeliveryLog deliveries={sent} empty={a.silenced ? "None: the alert was silenced." : "None: no webhook endpoint was configured when it changed state."} />
            </details>
          </li>
        );
      })}
    </ul>
  );
}
