import pg from "pg";
import { grantRuntime, roleOf } from "./db-roles";
import { installJobQueues } from "./jobs/job-queues";
import { migrate } from "./migrate";
import { env } from "./env";

export type OwnerStepOptions = { ownerUrl: string; runtimeUrl: string; log?: (line: string) => void };

/**
 * Everything that needs DDL, done by the owner before the app runs as the runtime role: pending
 * migrations, pg-boss's schema and every queue table, and the runtime role's grants.
 * Returns the migrations it applied.
 */
export async function runOwnerStep(opts: OwnerStepOptions): Promise<string[]> {
  const log = opts.log ?? (() => {});
  const applied = await migrate(opts.ownerUrl, log);
  await installJobQueues(opts.ownerUrl);
  const runtime = roleOf(opts.runtimeUrl);
  if (runtime === roleOf(opts.ownerUrl)) return applied;
  const c = new pg.Client({ connectionString: opts.ownerUrl });
  await c.connect();
  try {
    // Concurrent GRANTs on one object fail ("tuple concurrently updated"): workers starting together take turns.
    await c.query("BEGIN");
    await c.query("SELECT pg_advisory_xact_lock(hashtext('hindsight.grant-runtime'))");
    await grantRuntime(c, runtime);
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    await c.end();
  }
  return applied;
}

/**
 * The owner's URL: DATABASE_MIGRATE_URL, or DATABASE_URL as before (with a warning, since the app
 * then runs as a role that can rewrite its own audit log).
 */
export function migrateUrlFromEnv(log: (line: string) => void = console.warn): string {
  const runtime = env("DATABASE_URL");
  if (!runtime) throw new Error("DATABASE_URL is not set");
  const owner = env("DATABASE_MIGRATE_URL");
  if (owner) return owner;
  log("WARNING: DATABASE_MIGRATE_URL is not set: migrations and the app share DATABASE_URL's role, which can alter the audit log (see README, Database roles)");
  return runtime;
}
