import "server-only";
import { getPool } from "../db";
import { getAuditChainHead } from "../audit/verify-audit-chain";
import { getRollupLag } from "../growth/get-rollup-lag";
import { countFiringByKind } from "../alerts/list-alerts";
import { projectionMetrics } from "../projections/projection-metrics";

type Sample = { labels?: Record<string, string>; value: number };
type Metric = { name: string; help: string; type: "counter" | "gauge"; samples: Sample[] };

/** Escapes a label value as the Prometheus text format requires (backslash, quote, newline). */
function labelValue(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function render(metrics: Metric[]): string {
  const lines: string[] = [];
  for (const m of metrics) {
    lines.push(`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} ${m.type}`);
    for (const s of m.samples) {
      const labels = s.labels ? `{${Object.entries(s.labels).map(([k, v]) => `${k}="${labelValue(v)}"`).join(",")}}` : "";
      lines.push(`${m.name}${labels} ${Number.isFinite(s.value) ? s.value : "NaN"}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Hindsight's metrics in the Prometheus text format. Per-category counts come from the streams
 * table (one row per stream, kept by the append), so a scrape never scans events (projection lag
 * counts pending events up to a cap, as the Projections page does); the audit chain head is
 * published so a rewrite of the whole audit table can be noticed from outside.
 */
export async function renderMetrics(): Promise<string> {
  const [categories, lag, head, firing, projections] = await Promise.all([
    getPool().query<{ category: string; events: number; bytes: number; streams: number }>(
      `SELECT category, sum(event_count)::bigint AS events, sum(bytes)::bigint AS bytes, count(*)::bigint AS streams
         FROM streams GROUP BY category ORDER BY category`,
    ),
    getRollupLag(),
    getAuditChainHead(),
    countFiringByKind(),
    projectionMetrics(),
  ]);
  const version = (v: { name: string; codeVersion: number; versionId: number; kind: string; status: string }) => ({
    projection: v.name,
    version: String(v.codeVersion),
    version_id: String(v.versionId),
    kind: v.kind,
    status: v.status,
  });
  const byCategory = (pick: (r: (typeof categories.rows)[number]) => number) =>
    categories.rows.map((r) => ({ labels: { category: r.category }, value: pick(r) }));
  return render([
    { name: "hindsight_events_total", help: "Events appended to the store, by category.", type: "counter", samples: byCategory((r) => r.events) },
    { name: "hindsight_event_bytes_total", help: "Bytes of event data and metadata appended, by category.", type: "counter", samples: byCategory((r) => r.bytes) },
    { name: "hindsight_streams", help: "Streams in the store, by category.", type: "gauge", samples: byCategory((r) => r.streams) },
    { name: "hindsight_rollup_lag_events", help: "Events in the log not yet in the hourly rollups (capped at 1e6).", type: "gauge", samples: [{ value: lag.events }] },
    { name: "hindsight_rollup_lag_seconds", help: "Seconds since the hourly rollups last caught up with the log (0 when caught up).", type: "gauge", samples: [{ value: lag.seconds }] },
    {
      name: "hindsight_alerts_firing",
      help: "Alerts firing now, by rule kind and severity (0 for kinds with rules and nothing firing).",
      type: "gauge",
      samples: firing.map((f) => ({ labels: { kind: f.kind, severity: f.severity }, value: f.firing })),
    },
    {
      name: "hindsight_projection_lag_events",
      help: "Committed events a projection version that follows the log has not applied yet (counted up to 100000), by projection and version.",
      type: "gauge",
      samples: projections.lag.map((v) => ({ labels: version(v), value: v.events })),
    },
    {
      name: "hindsight_projection_lag_seconds",
      help: "Age in seconds of the oldest event a projection version that follows the log has not applied yet (0 when caught up).",
      type: "gauge",
      samples: projections.lag.map((v) => ({ labels: version(v), value: v.seconds })),
    },
    {
      name: "hindsight_projection_rebuild_progress",
      help: "Fraction (0 to 1) of the replay done, for every projection version still building.",
      type: "gauge",
      samples: projections.rebuilds.map((v) => ({ labels: version(v), value: v.fraction })),
    },
    {
      name: "hindsight_audit_chain_head",
      help: "Id of the newest audit entry, labelled with its hash: a rewritten audit table shows up as a changed hash for a known id.",
      type: "gauge",
      samples: head ? [{ labels: { hash: head.hash }, value: head.id }] : [],
    },
  ]);
}
