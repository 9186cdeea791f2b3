import "server-only";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { isAppError } from "../errors";
import { cronMatches, parseCron } from "./cron";
import { projectionRegistry } from "./registry";
import { startDrill } from "./start-drill";

/**
 * One minute tick of the drill schedule (pg-boss allows one schedule per queue, so one tick
 * evaluates every projection's cron): for each projection whose drill cron names this minute,
 * claims the minute (a tick delivered twice claims it once) and starts a drill with its objective.
 */
export async function runDrillTick(now: Date = new Date()): Promise<{ started: string[]; skipped: { name: string; reason: string }[] }> {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const started: string[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const registry = projectionRegistry();
  for (const name of registry.names()) {
    const drill = registry.latest(name)?.drill;
    if (!drill || !cronMatches(parseCron(drill.cron), minute)) continue;
    const claim = await getPool().query(
      `INSERT INTO projection_drill_ticks (name, last_minute) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET last_minute = EXCLUDED.last_minute
        WHERE projection_drill_ticks.last_minute < EXCLUDED.last_minute`,
      [name, minute.toISOString()],
    );
    if (!claim.rowCount) continue;
    try {
      const { versionId } = await startDrill({ name, partitions: drill.partitions ?? 2, actor: systemActor("drill-schedule", "drill schedule") });
      await getPool().query("UPDATE projection_drills SET rto_seconds = $2, trigger = 'schedule' WHERE version_id = $1", [versionId, drill.rtoSeconds]);
      started.push(name);
    } catch (e) {
      // A drill still running, or a projection with nothing live yet: the next due minute tries again.
      if (!isAppError(e)) throw e;
      skipped.push({ name, reason: e.message });
    }
  }
  return { started, skipped };
}
