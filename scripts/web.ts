// The web process: Next.js behind our own HTTP server. Run by npm start (or a supervisor) as a child;
// it tells its parent when it is ready and never outlives it.
import { closeDb } from "../lib/db";
import { startHttpServer } from "../lib/server/http-server";
import { flushRefusalCounts } from "../lib/store/count-refusal";
import { watchParent } from "./lib/supervisor/watch-parent";

const log = (line: string) => console.log(`[web] ${line}`);
/** A stop that takes longer than this is cut short: the parent is waiting. */
const STOP_DEADLINE_MS = 4_000;

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const dev = process.argv.includes("--dev") || process.env.HINDSIGHT_DEV === "1";
  const server = await startHttpServer({ root: process.cwd(), port, host: process.env.HINDSIGHT_HOST || undefined, dev, log });
  process.send?.({ type: "ready", bootId: server.bootId, url: server.url });
  log(`serving ${server.url} (boot ${server.bootId})`);

  let stopping = false;
  const stop = async (why: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${why})`);
    setTimeout(() => process.exit(code), STOP_DEADLINE_MS).unref();
    await server.close().catch(() => undefined);
    // Route handlers share this process's pool and refusal tally (both live on globalThis).
    await flushRefusalCounts().catch(() => undefined);
    await closeDb().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  watchParent((why) => void stop(why));
}

main().catch((e) => {
  log(`failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.send?.({ type: "failed", message: e instanceof Error ? e.message : String(e) });
  process.exit(1);
});
