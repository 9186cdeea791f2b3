import type { RefusalBucket } from "./guards";

/** What each counted reason is called on the Guards page. */
export const REFUSAL_LABELS: Record<string, string> = {
  causation_depth_exceeded: "Causation depth",
  correlation_limit_exceeded: "Correlation limit",
  idempotent_replay: "Idempotent replay",
  duplicate_event_id: "Duplicate event id",
  idempotency_conflict: "Idempotency conflict",
  version_conflict: "Version conflict",
  subject_erased: "Subject erased",
};

export type RefusalSeries = { rows: ({ start: string } & Record<string, number | string>)[]; reasons: string[]; totals: Record<string, number> };

const HOUR_MS = 3_600_000;

/**
 * Hourly refusal counts as chart rows, one per bucket from `from` to `to` (hours, or UTC days),
 * empty buckets included so gaps read as zero rather than as missing time.
 */
export function toRefusalSeries(buckets: RefusalBucket[], from: Date, to: Date, bucket: "hour" | "day"): RefusalSeries {
  const size = bucket === "hour" ? HOUR_MS : 24 * HOUR_MS;
  const startOf = (ms: number) => Math.floor(ms / size) * size;
  const reasons = [...new Set(buckets.map((b) => b.reason))].sort();
  const rows = new Map<number, { start: string } & Record<string, number | string>>();
  for (let t = startOf(from.getTime()); t < to.getTime(); t += size) {
    const row: { start: string } & Record<string, number | string> = { start: new Date(t).toISOString() };
    for (const r of reasons) row[r] = 0;
    rows.set(t, row);
  }
  const totals: Record<string, number> = Object.fromEntries(reasons.map((r) => [r, 0]));
  for (const b of buckets) {
    const row = rows.get(startOf(Date.parse(b.hour)));
    if (!row) continue;
    row[b.reason] = Number(row[b.reason]) + b.count;
    totals[b.reason] += b.count;
  }
  return { rows: [...rows.values()], reasons, totals };
}
