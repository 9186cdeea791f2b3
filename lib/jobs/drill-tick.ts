import "server-only";
import type PgBoss from "pg-boss";
import { runDrillTick } from "../projections/drill-tick";

export const DRILL_TICK_QUEUE = "projection-drill-tick";

/** Every minute, one worker evaluates every projection's drill schedule (runDrillTick is safe to run twice). */
export async function registerDrillTick(boss: PgBoss): Promise<void> {
  await boss.createQueue(DRILL_TICK_QUEUE, { name: DRILL_TICK_QUEUE, policy: "stately" });
  await boss.schedule(DRILL_TICK_QUEUE, "* * * * *", {});
  await boss.work(DRILL_TICK_QUEUE, async () => {
    const { started, skipped } = await runDrillTick();
    for (const name of started) console.log(`[drills] scheduled drill of ${name} started`);
    for (const s of skipped) console.log(`[drills] scheduled drill of ${s.name} skipped: ${s.reason}`);
  });
}
