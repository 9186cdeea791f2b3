// The PostgreSQL keeper: runs the embedded PostgreSQL for npm start's supervisor, reports when it is
// ready and how it ended, and stops it (fast shutdown) when the supervisor goes away.
import { startCluster, type EmbeddedCluster } from "../lib/embedded-postgres";
import { watchParent } from "./lib/supervisor/watch-parent";

export type KeeperOptions = { dir: string; port: number; password: string; portVariable: string };

const log = (line: string) => console.log(`[postgres] ${line}`);

async function main() {
  const opts = JSON.parse(process.env.HINDSIGHT_KEEPER ?? "null") as KeeperOptions | null;
  if (!opts) throw new Error("the keeper is started by npm start (HINDSIGHT_KEEPER is not set)");
  let cluster: EmbeddedCluster | undefined;
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`stopping PostgreSQL (${why})`);
    await cluster?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  watchParent((why) => void stop(why));
  cluster = await startCluster({ dir: opts.dir, port: opts.port, password: opts.password, portVariable: opts.portVariable, log });
  if (stopping) return void (await cluster.stop());
  process.send?.({ type: "ready", pid: cluster.pid });
  const end = await cluster.exited;
  if (stopping) return;
  const how = end.signal ? `killed by ${end.signal}` : `exited with code ${end.code}`;
  process.send?.({ type: "exited", reason: `postgres (pid ${cluster.pid}) ${how}` });
  process.exit(1);
}

main().catch((e) => {
  const message = e instanceof Error ? e.message : String(e);
  process.send?.({ type: "failed", message });
  // The supervisor prints the message itself; without one, say it here.
  if (!process.send) console.error(`[postgres] ${message}`);
  process.exit(1);
});
