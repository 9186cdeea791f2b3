import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startCluster } from "../../lib/embedded-postgres";
import { postmasterPid } from "./cpu";
import { freePort } from "./servers";

export type BenchServer = {
  /** A URL for `database` on the bench's server. */
  url: (database: string) => string;
  embedded: boolean;
  /** The postmaster's pid when the bench started the server (for CPU accounting). */
  pgPid?: number;
  stop: () => Promise<void>;
};

/**
 * The PostgreSQL server the bench uses: BENCH_DATABASE_URL's server when given, otherwise a fresh
 * embedded cluster in a temp dir on a free port, removed again by stop().
 */
export async function openServer(log: (line: string) => void): Promise<BenchServer> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) {
    const base = new URL(given);
    log(`using BENCH_DATABASE_URL's server ${base.hostname}:${base.port || 5432}`);
    return {
      embedded: false,
      url: (db) => {
        const u = new URL(given);
        u.pathname = `/${db}`;
        return u.toString();
      },
      stop: async () => {},
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-bench-pg-"));
  const port = await freePort();
  log(`starting embedded PostgreSQL on port ${port} in ${dir}`);
  // embedded-postgres stops its servers on SIGINT/SIGTERM by itself and then exits the process;
  // the temp dir must still go, so its removal also hangs on process exit (synchronous there).
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  process.once("exit", removeDir);
  try {
    const cluster = await startCluster({ dir, port });
    return {
      embedded: true,
      pgPid: postmasterPid(dir),
      url: cluster.url,
      stop: async () => {
        await cluster.stop().catch(() => undefined);
        removeDir();
      },
    };
  } catch (e) {
    removeDir();
    throw e;
  }
}

/** Runs statements on one short-lived connection (database admin, VACUUM, index drops). */
export async function sql(url: string, ...statements: string[]): Promise<pg.QueryResult[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const results: pg.QueryResult[] = [];
    for (const s of statements) results.push(await client.query(s));
    return results;
  } finally {
    await client.end();
  }
}
