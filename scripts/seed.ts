// npm run seed -- [--events N] [--days D] [--seed S] [--force] [--reset] — load the demo world into DATABASE_URL.
import "../domains/demo/install";
import { parseArgs } from "node:util";
import { closeDb } from "../lib/db";
import { seedDemoAlerts } from "../domains/demo/world/demo-alerts";
import { seedCausationDemo } from "../domains/demo/world/demo-causation";
import { DEMO_WORLD_DEFAULTS, seedDemoWorld } from "../domains/demo/world/seed-demo-world";
import { takeSnapshots } from "../lib/snapshots/take-snapshots";
import { seedDemoCompliance } from "../domains/demo/world/demo-compliance";
import { seedDemoArchive } from "../domains/demo/world/demo-archive";
import { seedDemoProjections } from "../domains/demo/world/demo-projections";

const USAGE = `usage: npm run seed -- [options]
  --events N       about how many events (default ${DEMO_WORLD_DEFAULTS.events})
  --days D         days of history, ending now (default ${DEMO_WORLD_DEFAULTS.days})
  --seed S         random seed: the same seed gives the same world (default ${DEMO_WORLD_DEFAULTS.seed})
  --concurrency C  appends in flight (default 8)
  --force          load even if the store is not empty (a previous demo world is wiped first)
  --reset          wipe the event store first, whatever it holds
DATABASE_URL (DATABASE_MIGRATE_URL, the owner's, when set) and HINDSIGHT_MASTER_KEY come from the environment.`;

function whole(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isInteger(n)) throw new Error(`--${name} must be a whole number, got ${JSON.stringify(value)}`);
  return n;
}

async function main(): Promise<number> {
  // Wiping the store (--force, --reset) is a TRUNCATE, which only the owner role may do.
  if (process.env.DATABASE_MIGRATE_URL) process.env.DATABASE_URL = process.env.DATABASE_MIGRATE_URL;
  const { values } = parseArgs({
    options: {
      events: { type: "string" },
      days: { type: "string" },
      seed: { type: "string" },
      concurrency: { type: "string" },
      force: { type: "boolean", default: false },
      reset: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const log = (line: string) => console.log(`[seed] ${line}`);
  const result = await seedDemoWorld({
    events: whole("events", values.events, DEMO_WORLD_DEFAULTS.events),
    days: whole("days", values.days, DEMO_WORLD_DEFAULTS.days),
    seed: whole("seed", values.seed, DEMO_WORLD_DEFAULTS.seed),
    concurrency: whole("concurrency", values.concurrency, 8),
    force: values.force,
    reset: values.reset,
    log,
  });
  if (!result.seeded) {
    log(`not loaded: ${result.reason}`);
    return 1;
  }
  await seedCausationDemo({ seed: whole("seed", values.seed, DEMO_WORLD_DEFAULTS.seed), log });
  // Snapshots per policy now, so time travel over the tickers is fast before any worker runs.
  let snapshots = 0;
  let after: string | undefined;
  do {
    const run = await takeSnapshots({ after, maxStreams: 500 });
    snapshots += run.snapshots;
    after = run.next ?? undefined;
  } while (after);
  log(`snapshots taken: ${snapshots}`);
  await seedDemoCompliance({ log });
  await seedDemoAlerts({ log });
  await seedDemoArchive(log);
  await seedDemoProjections({ log, reset: values.force || values.reset });
  return 0;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (e) => {
    console.error(`[seed] failed: ${e instanceof Error ? e.message : e}`);
    await closeDb().catch(() => {});
    process.exit(1);
  });
