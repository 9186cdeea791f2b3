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
      server.child.kill("SIGTERM");
      await new Promise((r) => (server.child.exitCode !== null ? r(null) : server.child.once("exit", r)));
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
  const { getAuditChainHead } = await import("../../lib/audit/verify-audit-chain");
  let demoUsers: DemoCredential[] = [];
  if (embedded) {
    demoUsers = await ensureDemoUsers(opts.dataDir);
    opts.log(`demo users (passwords kept in ${path.join(opts.dataDir, "demo-users.json")}):`);
    for (const u of demoUsers) opts.log(`  ${u.role.padEnd(10)} ${u.email.padEnd(28)} ${u.password}`);
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

/** The web process (scripts/web.ts: Next.js behind our own HTTP server); its ready message carries its boot id. */
function startServer(root: string, port: number): { child: ChildProcess; ready: Promise<string> } {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts", "web.ts")], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, PORT: String(port) },
  });
  const ready = new Promise<string>((resolve, reject) => {
    child.on("message", (m: { type?: string; bootId?: string; message?: string }) => {
      if (m.type === "ready" && m.bootId) resolve(m.bootId);
      if (m.type === "failed") reject(new Error(m.message ?? "the web server failed to start"));
    });
    child.once("exit", (code) => reject(new Error(`the web server exited with code ${code}`)));
  });
  return { child, ready };
}

/** Ready once /api/health answers with our web process's boot id: another process on the port does not count. */
async function waitForHealth(url: string, server: { child: ChildProcess; ready: Promise<string> }): Promise<void> {
  const bootId = await server.ready;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`);
      const body = (await res.json().catch(() => ({}))) as { bootId?: string };
      if (body.bootId === bootId) return;
    } catch {
      // not answering yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error("the server did not become ready within 60 s");
}
