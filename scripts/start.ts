// npm start — Hindsight with the embedded PostgreSQL and the demo world (or DATABASE_URL when set).
import path from "node:path";
import { boot } from "./lib/boot";

async function main() {
  const root = process.cwd();
  const port = Number(process.env.PORT ?? 3000);
  const log = (line: string) => console.log(`[hindsight] ${line}`);
  const app = await boot({
    root,
    dataDir: path.resolve(process.env.HINDSIGHT_DATA_DIR ?? path.join(root, ".data")),
    port,
    pgPort: Number(process.env.HINDSIGHT_PG_PORT ?? 54329),
    demoEvents: Number(process.env.HINDSIGHT_DEMO_EVENTS ?? 200_000),
    log,
  });
  log(`Hindsight is running at ${app.url}  (Ctrl-C stops it and the database)`);
  let firstSignalAt = 0;
  const shutdown = async () => {
    // Ctrl-C reaches us twice (from the terminal and forwarded by npm): only a later, deliberate one forces exit.
    if (firstSignalAt) {
      if (Date.now() - firstSignalAt > 2_000) process.exit(1);
      return;
    }
    firstSignalAt = Date.now();
    log("stopping…");
    await app.stop();
    log("stopped cleanly");
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((e) => {
  console.error(`[hindsight] failed to start: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
