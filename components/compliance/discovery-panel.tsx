import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import type { Discovery } from "@/lib/compliance/erasure-request";
import { formatInteger } from "@/lib/format";

/** What discovery found: counts by source, the subject's events by category and type, streams and snapshots. */
export function DiscoveryPanel({ discovery }: { discovery: Discovery | null }) {
  if (!discovery) return <EmptyState title="Not discovered yet">Discovery runs when the request is recorded.</EmptyState>;
  const bySource = (source: string) => discovery.holdings.filter((h) => h.source === source);
  const events = bySource("events");
  return (
    <div className="discovery">
      <dl className="summary-strip erasure-summary">
        <div>
          <dt>Events</dt>
          <dd>{formatInteger(discovery.events)}</dd>
        </div>
        <div>
          <dt>Streams</dt>
          <dd>{formatInteger(discovery.streams)}</dd>
        </div>
        <div>
          <dt>Snapshots</dt>
          <dd>{formatInteger(discovery.snapshots)}</dd>
        </div>
        <div>
          <dt>Holds</dt>
          <dd>{formatInteger(discovery.holds.length)}</dd>
        </div>
      </dl>
      {events.length === 0 ? (
        <p className="muted">The store holds no events naming this subject.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Category / type</th>
              <th scope="col" className="num">Events</th>
            </tr>
          </thead>
          <tbody>
            {events.map((h) => (
              <tr key={h.label}>
                <th scope="row" className="cell-type">{h.label}</th>
                <td className="num">{formatInteger(h.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {bySource("streams").length ? (
        <p className="discovery-streams">
          Streams:{" "}
          {bySource("streams").slice(0, 20).map((s, i) => (
            <span key={s.label}>
              {i ? ", " : ""}
              <Link href={s.href ?? "#"} className="mono">
                {s.label}
              </Link>
            </span>
          ))}
          {bySource("streams").length > 20 ? <span className="muted"> and {bySource("streams").length - 20} more</span> : null}
        </p>
      ) : null}
      {discovery.holdings.filter((h) => !["events", "streams"].includes(h.source)).length ? (
        <p className="muted">
          Elsewhere:{" "}
          {Object.entries(
            discovery.holdings
              .filter((h) => !["events", "streams"].includes(h.source))
              .reduce<Record<string, number>>((acc, h) => ({ ...acc, [h.source]: (acc[h.source] ?? 0) + h.count }), {}),
          )
            .map(([source, n]) => `${formatInteger(n)} ${source}`)
            .join(", ")}
        </p>
      ) : null}
    </div>
  );
}
