import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startCluster, type EmbeddedCluster } from "../embedded-postgres";
import { freePort } from "./global-setup";
import { withClient } from "./source-database";

/** Waits (a few seconds at most) for closed pools' sockets to finish leaving: a server stopping under them makes their clients throw uncaught. */
async function untilOthersLeft(url: string): Promise<void> {
  await withClient(url, async (c) => {
    for (let i = 0; i < 100; i++) {
      const { rows } = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
}

/**
 * A PostgreSQL of a test file's own, for gap-safety tests: snapshots and pg_stat_activity are
 * cluster-wide, so a held transaction there would stall (or be seen by) every other test file.
 */
export async function startOwnCluster(name: string): Promise<{ superuserUrl: string; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hindsight-${name}-pg-`));
  let cluster: EmbeddedCluster | undefined;
  try {
    cluster = await startCluster({ dir, port: await freePort() });
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const running = cluster;
  return {
    superuserUrl: running.url("postgres"),
    stop: async () => {
      await untilOthersLeft(running.url("postgres"));
      await running.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
