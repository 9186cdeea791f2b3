import { formatCount, formatDateTime } from "@/lib/format";

/**
 * Why an alert fired, in words: the anomaly kind's expected vs observed, the threshold kind's
 * count vs limit, and for other kinds their details as a list of facts.
 */
export function AlertFacts({ kind, details }: { kind: string; details: Record<string, unknown> }) {
  const n = (k: string) => (typeof details[k] === "number" ? (details[k] as number) : null);
  if (kind === "volume_anomaly" && n("observed") !== null) {
    return (
      <p className="alert-why">
        Expected ~{formatCount(n("expected") ?? 0)}, observed <strong>{formatCount(n("observed")!)}</strong>
        {n("ratio") !== null ? ` (${n("ratio")}×)` : ""} in the {(n("hours") ?? 1) > 1 ? `${n("hours")} hours` : "hour"} from {formatDateTime(String(details.hour))}; the same hours of{" "}
        {n("weeksUsed")} previous week{n("weeksUsed") === 1 ? "" : "s"}
        {Array.isArray(details.weekly) ? ` had ${(details.weekly as number[]).map((w) => formatCount(w)).join(", ")}` : ""}; fires at {n("threshold")}×.
      </p>
    );
  }
  if (kind === "volume_threshold" && n("observed") !== null) {
    return (
      <p className="alert-why">
        Observed <strong>{formatCount(n("observed")!)}</strong> events in the last {n("windowSeconds")} s; the limit is {formatCount(n("threshold") ?? 0)}.
      </p>
    );
  }
  const entries = Object.entries(details).filter(([, v]) => v !== null && typeof v !== "object");
  if (entries.length === 0) return null;
  return (
    <dl className="alert-facts">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd className={typeof v === "number" ? "num" : undefined}>{typeof v === "number" ? formatCount(v) : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
