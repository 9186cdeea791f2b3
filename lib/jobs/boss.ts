import "server-only";
import PgBoss from "pg-boss";
import { poolConfigFromUrl } from "../db-config";

/**
 * A pg-boss instance over the store database (its own `pgboss` schema). It never migrates: the
 * owner step installs the schema and the queues (lib/jobs/job-queues.ts), the runtime role has no DDL.
 */
export function createBoss(databaseUrl: string): PgBoss {
  const c = poolConfigFromUrl(databaseUrl);
  const boss = new PgBoss({
    host: c.host,
    port: c.port,
    user: c.user,
    password: c.password as string | undefined,
    database: c.database,
    application_name: "hindsight-worker",
    max: 4,
    schema: "pgboss",
    migrate: false,
  });
  boss.on("error", (e) => {
    if ((e as { code?: string }).code !== "57P01") console.error("[jobs] pg-boss error:", e.message);
  });
  return boss;
}
