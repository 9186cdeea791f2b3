import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { DeliveryView } from "@/lib/alerts/list-alerts";

const TONE = { delivered: "success", pending: "warning", failed: "danger" } as const;

/** Webhook deliveries: which endpoint, which transition, how it went, and when it is retried. */
export function DeliveryLog({ deliveries, empty }: { deliveries: DeliveryView[]; empty: string }) {
  if (deliveries.length === 0) return <p className="muted delivery-empty">Webhook deliveries: {empty}</p>;
  return (
    <DataTable label="Deliveries" className="delivery-table">
      <caption className="visually-hidden">Webhook deliveries</caption>
      <thead>
        <tr>
          <th scope="col">Endpoint</th>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Attempts
          </th>
          <th scope="col">Last answer</th>
          <th scope="col">Delivery id</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.id}>
            <td title={d.url ?? undefined}>{d.endpointName}</td>
            <td>{d.event}</td>
            <td>
              <Badge tone={TONE[d.status]}>{d.status}</Badge>
              {d.status === "pending" && d.attempts > 0 ? (
                <span className="muted">
                  {" "}
                  retry <TimeAgo time={d.nextAttemptAt} />
                </span>
              ) : null}
            </td>
            <td className="num">{d.attempts}</td>
            <td>{d.responseCode ? `HTTP ${d.responseCode}` : (d.lastError ?? "—")}</td>
            <td className="mono">{d.id.slice(0, 8)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
