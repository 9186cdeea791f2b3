// npm start — Hindsight under a supervisor: the embedded PostgreSQL (or DATABASE_URL), the worker and
// the web server as children, restarted when they die, stopped in order on Ctrl-C.
import path from "node:path";
import { boot, type Booted } from "./lib/boot";
import { describeStartError } from "./lib/start-error";

const log = (line: string) => console.log(`[hindsight] ${line}`);

async function main() {
  const root = process.cwd();
  const port = Number(process.env.PORT ?? 3000);
  let stopApp: (() => Promise<void>) | undefined;
  let firstSignalAt = 0;
  let exitCode = 0;
  const shutdown = async (why?: string) => {
    // Ctrl-C reaches us twice (from the terminal and forwarded by npm): only a later, deliberate one forces exit.
    if (firstSignalAt) {
      if (Date.now() - firstSignalAt > 2_000) process.exit(1);
      return;
    }
    firstSignalAt = Date.now();
    if (why) exitCode = 1;
    log(why ? `${why}; stopping…` : "stopping…");
    await stopApp?.();
    const secs = ((Date.now() - firstSignalAt) / 1000).toFixed(1);
    log(exitCode ? `stopped (${secs} s)` : `stopped cleanly in ${secs} s`);
    process.exit(exitCode);
  };
  // Until boot returns, a signal still stops whatever has started: boot's own failure path does that.
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
  const app: Booted = await boot({
    root,
    dataDir: path.resolve(process.env.HINDSIGHT_DATA_DIR ?? path.join(root, ".data")),
    port,
    pgPort: Number(process.env.HINDSIGHT_PG_PORT ?? 54329),
    demoEvents: Number(process.env.HINDSIGHT_DEMO_EVENTS ?? 200_000),
    dev: process.argv.includes("--dev"),
    log,
    onGiveUp: (reason) => void shutdown(reason),
    registerStop: (stop) => (stopApp = stop),
  });
  if (firstSignalAt) return;
  log(`Hindsight is running at ${app.url}  (Ctrl-C stops it and the database)`);
}

main().catch((e) => {
  console.error(`[hindsight] failed to start: ${describeStartError(e)}`);
  process.exit(1);
});
