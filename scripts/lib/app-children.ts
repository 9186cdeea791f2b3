import fs from "node:fs";
import path from "node:path";
import { forkChild } from "./supervisor/fork-child";
import { stopPid } from "./supervisor/run-record";
import type { ChildSpec } from "./supervisor/supervisor";
import { livePostmaster } from "../../lib/postgres/postmaster-pid";
import type { KeeperOptions } from "../pg-keeper";

/** PostgreSQL through its keeper (scripts/pg-keeper.ts); a postmaster the keeper left behind is stopped after it. */
export function postgresChild(root: string, keeper: KeeperOptions): ChildSpec {
  return {
    name: "postgres",
    label: "PostgreSQL",
    start: () => forkChild(root, "scripts/pg-keeper.ts", { ...process.env, HINDSIGHT_KEEPER: JSON.stringify(keeper) }),
    // A first start may run initdb; a restart after kill -9 replays the WAL since the last checkpoint.
    readyTimeoutMs: 180_000,
    stopGraceMs: 2_000,
    afterExit: async () => {
      const orphan = livePostmaster(keeper.dir);
      if (orphan) await stopPid(orphan.pid, "SIGQUIT", 1_000);
    },
  };
}

/** The worker (scripts/worker.ts): pg-boss jobs, the rollup, alert and projection loops, the heartbeat. */
export function workerChild(root: string): ChildSpec {
  return {
    name: "worker",
    label: "the worker",
    start: () => forkChild(root, "scripts/worker.ts", { ...process.env }),
    readyTimeoutMs: 60_000,
    stopGraceMs: 1_500,
  };
}

/**
 * The web server (scripts/web.ts). Ready means /api/health answered with the boot id its ready
 * message carried: whatever else may hold the port does not count.
 */
export function webChild(root: string, port: number, dev: boolean): ChildSpec {
  if (!dev && !fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("the app is not built: run npm run build");
  return {
    name: "web",
    label: "the web server",
    start: () => forkChild(root, "scripts/web.ts", { ...process.env, PORT: String(port), ...(dev ? { HINDSIGHT_DEV: "1" } : {}) }),
    confirm: async (ready) => {
      const url = `http://127.0.0.1:${port}/api/health`;
      for (;;) {
        try {
          const body = (await (await fetch(url, { signal: AbortSignal.timeout(5_000) })).json()) as { bootId?: string };
          if (body.bootId && body.bootId === ready.bootId) return;
          if (body.bootId) throw new Error(`another server answers on port ${port} (boot ${body.bootId}): set PORT to a free port`);
        } catch (e) {
          if ((e as Error).message.startsWith("another server")) throw e;
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    readyTimeoutMs: dev ? 300_000 : 90_000,
    stopGraceMs: 1_500,
  };
}
