import "server-only";
import { systemActor } from "../../../lib/audit/actor";
import { getPool } from "../../../lib/db";
import { updateRollups } from "../../../lib/growth/update-rollups";
import { backEvaluateRules } from "../../../lib/alerts/back-evaluate";
import { createAlertRule } from "../../../lib/alerts/manage-rules";

const DAY_MS = 86_400_000;
/** How far back the demo's rules are replayed, so the Alerts history shows the demo world's past. */
const BACK_DAYS = 28;
/** Orders are few an hour in a small demo world: six-hour windows keep the comparison out of the noise. */
const WINDOW_HOURS = 6;

/**
 * The demo world's alert rules: an anomaly rule on placed orders (the spike day fires it) and a
 * guard on long-open transactions. The anomaly rule is then evaluated hour by hour over the last
 * four weeks from the rollups, exactly as the loop would have, so the spike shows in the Alerts
 * history with its expected and observed volumes, and the loop burst with its cycle. Nothing is hard-coded: the floor of events is
 * twice the average order volume of a window, as the rollups hold it.
 */
export async function seedDemoAlerts(opts: { log: (line: string) => void; now?: number }): Promise<void> {
  const pool = getPool();
  const existing = await pool.query("SELECT 1 FROM alert_rules WHERE created_by = 'system:demo' LIMIT 1");
  if (existing.rowCount) return;
  await updateRollups(); // the demo world was just written: make the rollups whole before reading them
  const { rows } = await pool.query<{ per_hour: number }>(
    `SELECT coalesce(sum(count)::float8 / greatest(extract(epoch FROM max(bucket) - min(bucket)) / 3600 + 1, 1), 0) AS per_hour
       FROM rollups_hourly WHERE type = 'OrderPlaced'`,
  );
  const minEvents = Math.max(5, Math.ceil(2 * WINDOW_HOURS * rows[0].per_hour));
  const actor = systemActor("demo", "demo world");
  const anomaly = await createAlertRule({
    name: "Order volume anomaly",
    kind: "volume_anomaly",
    severity: "warning",
    params: { scope: "type", target: "OrderPlaced", hours: WINDOW_HOURS, weeks: 4, ratio: 3, minEvents },
    actor,
  });
  await createAlertRule({ name: "Transaction holding log readers back", kind: "oldest_transaction", severity: "critical", params: { maxAgeSeconds: 300 }, actor });
  // The UserUpdated ↔ ProfileUpdated burst goes round its cycle a thousand times in minutes.
  const loop = await createAlertRule({ name: "Event loop", kind: "causation_loop", severity: "critical", params: { windowMinutes: 60, minRepetitions: 20 }, actor });
  const now = opts.now ?? Date.now();
  const r = await backEvaluateRules({ ruleIds: [anomaly.id, loop.id], from: new Date(now - BACK_DAYS * DAY_MS), to: new Date(now) });
  opts.log(`demo alert rules created; the order anomaly and loop rules replayed over ${BACK_DAYS} days: ${r.fired} alert(s) fired, ${r.resolved} resolved`);
}
