import PgBoss from "pg-boss";
import { poolConfigFromUrl } from "../db-config";

/**
 * Every pg-boss queue the worker works. pg-boss creates a table per queue, so the owner step
 * creates them all; at run time createQueue finds each one there and changes nothing.
 */
export const JOB_QUEUES: { name: string; policy: "standard" | "stately" }[] = [
  { name: "take-snapshots", policy: "stately" },
  { name: "erasure-execute", policy: "stately" },
  { name: "erasure-verify", policy: "stately" },
  { name: "erasure-sweep", policy: "stately" },
  { name: "archive-policies", policy: "stately" },
  { name: "projection-replay", policy: "standard" },
  { name: "projection-drill-tick", policy: "stately" },
];

/** pg-boss's own queue for cron schedules: its timekeeper creates it at start and swallows the error when it cannot. */
export const PGBOSS_SCHEDULE_QUEUE = "__pgboss__send-it";

/** Installs or upgrades pg-boss's schema and creates every queue, as the owner role. */
export async function installJobQueues(ownerUrl: string): Promise<void> {
  const c = poolConfigFromUrl(ownerUrl);
  const boss = new PgBoss({
    host: c.host, port: c.port, user: c.user, password: c.password as string | undefined, database: c.database,
    application_name: "hindsight-install", max: 1, schema: "pgboss", migrate: true, supervise: false, schedule: false,
  });
  boss.on("error", (e) => console.error("[jobs] pg-boss install error:", e.message));
  await boss.start();
  try {
    for (const q of JOB_QUEUES) await boss.createQueue(q.name, { name: q.name, policy: q.policy });
    await boss.createQueue(PGBOSS_SCHEDULE_QUEUE);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
