// npm run worker — a background worker (pg-boss jobs, loops, heartbeat) against DATABASE_URL; run as
// many as needed. npm start runs one as a child (IPC): it reports ready and stops when its parent goes.
import { closeDb } from "../lib/db";
import { migrate } from "../lib/migrate";
import { startWorker } from "../lib/jobs/worker";
import { watchParent } from "./lib/supervisor/watch-parent";

/** A stop that takes longer is cut short (jobs are idempotent and resume): the supervisor is waiting. */
const STOP_DEADLINE_MS = 1_200;

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("set DATABASE_URL (and HINDSIGHT_MASTER_KEY) to the store's database");
  await migrate(url, (l) => console.log(`[worker] ${l}`));
  const worker = await startWorker(url);
  const supervised = Boolean(process.send);
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
