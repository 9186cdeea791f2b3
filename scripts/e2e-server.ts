// The app as Playwright sees it: a throwaway embedded PostgreSQL with a small demo world, the real build, next start.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { boot } from "./lib/boot";

async function main() {
  delete process.env.DATABASE_URL;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-e2e-"));
  const log = (line: string) => console.log(`[e2e-server] ${line}`);
  const app = await boot({
    root: process.cwd(),
    dataDir,
    port: Number(process.env.E2E_PORT ?? 3210),
    pgPort: Number(process.env.E2E_PG_PORT ?? 54399),
    demoEvents: Number(process.env.E2E_DEMO_EVENTS ?? 30_000),
    log,
  });
  log(`ready at ${app.url}`);
  const shutdown = async () => {
    await app.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((e) => {
  console.error(`[e2e-server] ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
});
