// npm run worker — a background worker (pg-boss jobs, heartbeat) against DATABASE_URL; run as many as needed.
// Migrations and pg-boss's queues are applied first as the owner (DATABASE_MIGRATE_URL).
import { closeDb } from "../lib/db";
import { migrateUrlFromEnv, runOwnerStep } from "../lib/db-owner-step";
import { loadDomain } from "../lib/domain/load-domain";
import { startWorker } from "../lib/jobs/worker";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("set DATABASE_URL (and HINDSIGHT_MASTER_KEY) to the store's database");
  const log = (l: string) => console.log(`[worker] ${l}`);
  await runOwnerStep({ ownerUrl: migrateUrlFromEnv(log), runtimeUrl: url, log });
  await loadDomain({ root: process.cwd(), log, applyDefaults: true });
  const worker = await startWorker(url);
  console.log(`[worker] ${worker.id} started`);
  const stop = async () => {
    await worker.stop();
    await closeDb();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(`[worker] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
