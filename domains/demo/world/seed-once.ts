import "server-only";
import { getPool } from "../../../lib/db";
import { seedDemoAlerts } from "./demo-alerts";
import { seedDemoCompliance } from "./demo-compliance";
import { seedCausationDemo } from "./demo-causation";
import { seedDemoArchive } from "./demo-archive";
import { seedDemoProjections } from "./demo-projections";
import { seedDemoWorld } from "./seed-demo-world";

/**
 * Loads the demo world the first time Hindsight starts on an empty store; later starts (or a
 * store that already holds someone's events) are left alone.
 */
export async function seedDemoWorldOnce(opts: { events: number; log: (line: string) => void }): Promise<void> {
  const pool = getPool();
  const meta = await pool.query("SELECT 1 FROM hindsight_meta WHERE key = 'demo_world'");
  if (meta.rowCount) return;
  const any = await pool.query("SELECT 1 FROM streams LIMIT 1");
  if (any.rowCount) {
    opts.log("the store already holds events: the demo world is not loaded (npm run seed -- --force loads it anyway)");
    return;
  }
  opts.log(`loading the demo world (${opts.events.toLocaleString("en")} events over 90 days)…`);
  const result = await seedDemoWorld({ events: opts.events, days: 90, seed: 42, log: opts.log });
  if (result.seeded) {
    opts.log(`demo world loaded: ${result.events.toLocaleString("en")} events in ${result.seconds.toFixed(1)} s`);
    await seedDemoAlerts({ log: opts.log });
    await seedDemoCompliance({ log: opts.log });
    await seedCausationDemo({ seed: 42, log: opts.log });
    await seedDemoArchive(opts.log);
    await seedDemoProjections({ log: opts.log });
  } else {
    opts.log(`demo world not loaded: ${result.reason}`);
  }
}
