// npm run worker — a background worker (pg-boss jobs, loops, heartbeat) against DATABASE_URL; run as
// many as needed. npm start runs one as a child (IPC): it reports ready and stops when its parent goes.
// Migrations and pg-boss's queues are applied first as the owner (DATABASE_MIGRATE_URL).
import { closeDb } from "../lib/db";
import { migrateUrlFromEnv, runOwnerStep } from "../lib/db-owner-step";
import { loadDomain } from "../lib/domain/load-domain";
import { startWorker } from "../lib/jobs/worker";
import { assertSourceUsable } from "../lib/source/open-source";
import { watchParent } from "./lib/supervisor/watch-parent";

/** A stop that takes longer is cut short (jobs are idempotent and resume): the supervisor is waiting. */
const STOP_DEADLINE_MS = 1_200;

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("set DATABASE_URL (and HINDSIGHT_MASTER_KEY) to the store's database");
  const log = (l: string) => console.log(`[worker] ${l}`);
  const supervised = Boolean(process.send);
  // Under npm start the supervisor has run the owner step and compiled the domain already.
  if (!supervised) await runOwnerStep({ ownerUrl: migrateUrlFromEnv(log), runtimeUrl: url, log });
  await loadDomain({ root: process.cwd(), log, applyDefaults: !supervised });
  if (!supervised) await assertSourceUsable();
  const worker = await startWorker(url);
  if (supervised) process.send!({ type: "ready", pid: process.pid });
  else console.log(`[worker] ${worker.id} started`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), supervised ? STOP_DEADLINE_MS : 10_000).unref();
    await worker.stop().catch(() => undefined);
    await closeDb();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  if (supervised) watchParent(() => void stop());
}

main().catch((e) => {
  const message = e instanceof Error ? e.message : String(e);
  process.send?.({ type: "failed", message: `the worker did not start: ${message}` });
  console.error(`[worker] ${message}`);
  process.exit(1);
});
