import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import pg from "pg";
import { startCluster, type EmbeddedCluster } from "../../lib/embedded-postgres";
import { migrate } from "../../lib/migrate";
import { buildIsCurrent, recordBuild } from "./build-fingerprint";
import { loadOrCreateSecrets } from "./secrets";
import type { DemoCredential } from "../../lib/auth/bootstrap-users";

export type BootOptions = {
  root: string;
  dataDir: string;
  port: number;
  pgPort: number;
  /** Events in the demo world loaded on first start of an empty store (0 = none). */
  demoEvents: number;
  log: (line: string) => void;
};

export type Booted = {
  url: string;
  databaseUrl: string;
  /** The embedded default's demo users with their passwords (empty with DATABASE_URL). */
  demoUsers: DemoCredential[];
  stop: () => Promise<void>;
};

/**
 * Brings Hindsight up: the database (embedded unless DATABASE_URL is set), pending migrations,
 * the demo world on first run, a production build when sources changed, a worker, and the server.
 */
export async function boot(opts: BootOptions): Promise<Booted> {
  const t0 = performance.now();
  const secrets = loadOrCreateSecrets(opts.dataDir);
  process.env.HINDSIGHT_MASTER_KEY ??= secrets.masterKey;
  process.env.NEXTAUTH_SECRET ??= secrets.nextauthSecret;
  // The audit anchor key pair is generated into (and read from) the data directory of this start.
  process.env.HINDSIGHT_DATA_DIR ??= opts.dataDir;
  // next-auth builds its callback URLs from this; https here also makes the session cookie Secure.
  process.env.NEXTAUTH_URL ??= `http://localhost:${opts.port}`;
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  let cluster: EmbeddedCluster | undefined;
  const embedded = !process.env.DATABASE_URL;
  if (embedded) {
    cluster = await startCluster({ dir: path.join(opts.dataDir, "pg"), port: opts.pgPort, password: secrets.pgPassword });
    await ensureDatabase(cluster.url("postgres"), "hindsight");
    process.env.DATABASE_URL = cluster.url("hindsight");
    opts.log(`PostgreSQL (embedded) on port ${opts.pgPort}, data in ${path.join(opts.dataDir, "pg")}`);
  }
  const databaseUrl = process.env.DATABASE_URL!;
  const applied = await migrate(databaseUrl, opts.log);
  if (applied.length) opts.log(`migrations applied: ${applied.length}`);

  if (opts.demoEvents > 0 && (embedded || process.env.HINDSIGHT_SEED_DEMO === "1")) {
    const { seedDemoWorldOnce } = await import("../../lib/demo/seed-once");
    await seedDemoWorldOnce({ events: opts.demoEvents, log: opts.log });
  }

  const demoUsers = await bootstrapUsers(embedded, opts);

  if (!buildIsCurrent(opts.root)) {
    opts.log("building the app (first start or sources changed; this takes a minute or two)…");
    const res = spawnSync(process.execPath, [path.join(opts.root, "node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: opts.root,
      stdio: ["ignore", "inherit", "inherit"],
      env: process.env,
    });
    if (res.status !== 0) throw new Error("next build failed");
    recordBuild(opts.root);
  }

  const { startWorker } = await import("../../lib/jobs/worker");
  const worker = await startWorker(databaseUrl);

  const server = startServer(opts.root, opts.port);
  const url = `http://localhost:${opts.port}`;
  await waitForHealth(url, server);
  opts.log(`ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      server.kill("SIGTERM");
      await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
      await worker.stop().catch(() => undefined);
      const { closeDb } = await import("../../lib/db");
      await closeDb();
      await cluster?.stop();
    })());
  return { url, databaseUrl, demoUsers, stop };
}

/** Demo users in the embedded default; with DATABASE_URL, the first admin from the environment. Logs the audit chain head. */
async function bootstrapUsers(embedded: boolean, opts: BootOptions): Promise<DemoCredential[]> {
  const { ensureDemoUsers, ensureFirstAdmin } = await import("../../lib/auth/bootstrap-users");
  const { demoUsersNotice } = await import("../../lib/auth/demo-users-notice");
  const { getAuditChainHead } = await import("../../lib/audit/verify-audit-chain");
  let demoUsers: DemoCredential[] = [];
  if (embedded) {
    const file = path.join(opts.dataDir, "demo-users.json");
    const generatedNow = !fs.existsSync(file);
    demoUsers = await ensureDemoUsers(opts.dataDir);
    for (const line of demoUsersNotice(demoUsers, file, generatedNow)) opts.log(line);
  } else {
    const first = await ensureFirstAdmin();
    if (first.created) opts.log(`created the first admin: ${first.created}`);
    if (first.warning) opts.log(`WARNING: ${first.warning}`);
  }
  // Published so that a rewrite of the whole audit table can be noticed against an earlier record.
  const head = await getAuditChainHead();
  opts.log(head ? `audit chain head: #${head.id} ${head.hash}` : "audit chain head: (empty)");
  return demoUsers;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
}

function startServer(root: string, port: number): ChildProcess {
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (!fs.existsSync(nextBin)) throw new Error("next is not installed: run npm install");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port)], { cwd: root, stdio: ["ignore", "pipe", "inherit"], env: process.env });
  child.stdout?.on("data", (d: Buffer) => {
    const text = d.toString();
    // next start prints its own banner; keep errors and warnings only.
    if (/error|warn/i.test(text)) process.stdout.write(text);
  });
  return child;
}

async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status < 500 || res.status === 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error("the server did not become ready within 60 s");
}
