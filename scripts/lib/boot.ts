import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ensureRoles } from "../../lib/db-roles";
import { migrateUrlFromEnv, runOwnerStep } from "../../lib/db-owner-step";
import { assertPortFree } from "../../lib/postgres/port-free";
import { buildIsCurrent, recordBuild } from "./build-fingerprint";
import { loadOrCreateSecrets } from "./secrets";
import { resolvePgDir } from "./pg-location";
import { prepareEmbeddedDatabase } from "./prepare-database";
import { postgresChild, webChild, workerChild } from "./app-children";
import { Supervisor } from "./supervisor/supervisor";
import { clearLeftovers, clearRunRecord, writeRunRecord } from "./supervisor/run-record";
import type { DemoCredential } from "../../lib/auth/bootstrap-users";

export type BootOptions = {
  root: string;
  dataDir: string;
  port: number;
  pgPort: number;
  /** Events in the demo world loaded on first start of an empty store (0 = none). */
  demoEvents: number;
  log: (line: string) => void;
  /** Next.js in development mode (no build). */
  dev?: boolean;
  /** Called once when a child keeps dying: stop and exit non-zero with this line. */
  onGiveUp?: (reason: string) => void;
  /** Receives the stop function as soon as there is something to stop (a signal during boot uses it). */
  registerStop?: (stop: () => Promise<void>) => void;
};

export type Booted = {
  url: string;
  databaseUrl: string;
  /** The embedded default's demo users with their passwords (empty with DATABASE_URL). */
  demoUsers: DemoCredential[];
  /** Stops the worker (and its loops), then the web server, then PostgreSQL; bounded to about 5 s. */
  stop: () => Promise<void>;
};

/**
 * Brings Hindsight up under a supervisor: PostgreSQL (embedded unless DATABASE_URL is set, run by
 * its keeper), pending migrations, the demo world on first run, a build when sources changed, then
 * the worker and the web server as children that are restarted when they die.
 */
export async function boot(opts: BootOptions): Promise<Booted> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const embedded = !process.env.DATABASE_URL;
  const pgDir = embedded ? resolvePgDir(opts.dataDir, opts.log) : null;
  await clearLeftovers(opts.dataDir, pgDir, opts.log);
  // Both ports are checked before anything is made (a leftover of a killed run first), so a taken port leaves nothing half-done.
  await assertPortFree(opts.port, "PORT");
  if (embedded) await assertPortFree(opts.pgPort, "HINDSIGHT_PG_PORT");
  const secrets = loadOrCreateSecrets(opts.dataDir);
  process.env.HINDSIGHT_MASTER_KEY ??= secrets.masterKey;
  process.env.NEXTAUTH_SECRET ??= secrets.nextauthSecret;
  // The audit anchor key pair is generated into (and read from) the data directory of this start.
  process.env.HINDSIGHT_DATA_DIR ??= opts.dataDir;
  // next-auth builds its callback URLs from this; https here also makes the session cookie Secure.
  process.env.NEXTAUTH_URL ??= `http://localhost:${opts.port}`;
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  const supervisor = new Supervisor({
    log: opts.log,
    onPids: (pids) => writeRunRecord(opts.dataDir, pids, startedAt),
    onGiveUp: (reason) => (opts.onGiveUp ?? defaultGiveUp(opts.log))(reason),
  });
  const { closeDb } = await import("../../lib/db");
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await supervisor.stopAll(["worker", "web"]);
      await Promise.race([closeDb().catch(() => undefined), new Promise((r) => setTimeout(r, 500))]);
      await supervisor.stopAll(["postgres"]);
      clearRunRecord(opts.dataDir);
    })());
  opts.registerStop?.(stop);

  try {
    if (embedded) {
      await supervisor.start(postgresChild(opts.root, { dir: pgDir!, port: opts.pgPort, password: secrets.pgPassword, portVariable: "HINDSIGHT_PG_PORT" }));
      const urlOf = (db: string) => `postgresql://hindsight:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${opts.pgPort}/${db}`;
      opts.log(`PostgreSQL (embedded) on port ${opts.pgPort}, data in ${pgDir}`);
      // The cluster is up and its superuser URL (urlOf) is known: roles and databases are made here.
      const passwords = { ownerPassword: secrets.pgOwnerPassword, runtimePassword: secrets.pgRuntimePassword };
      // A domain of the user's own brings no demo world.
      const demoEvents = process.env.HINDSIGHT_DOMAIN ? 0 : opts.demoEvents;
      await prepareEmbeddedDatabase({ urlOf, name: "hindsight", demoEvents, passwords, log: opts.log });
      // Least privilege: the app runs as a role without DDL; the owner role migrates (lib/db-roles.ts).
      const roles = await ensureRoles({ superuserUrl: urlOf("postgres"), database: "hindsight", ...passwords });
      process.env.DATABASE_URL = roles.runtimeUrl;
      process.env.DATABASE_MIGRATE_URL = roles.ownerUrl;
    }
    const databaseUrl = process.env.DATABASE_URL!;
    const applied = await runOwnerStep({ ownerUrl: migrateUrlFromEnv(opts.log), runtimeUrl: databaseUrl, log: opts.log });
    if (applied.length) opts.log(`migrations applied: ${applied.length}`);

    // Compiled before anything folds, seeds or serves: the worker and the web server's instrumentation import the same file.
    const { loadDomain } = await import("../../lib/domain/load-domain");
    await loadDomain({ root: opts.root, log: opts.log, applyDefaults: true });
    // A store Hindsight reads (HINDSIGHT_SOURCE_KIND) is checked before anything follows or serves it.
    const { assertSourceUsable } = await import("../../lib/source/open-source");
    await assertSourceUsable();

    if (!embedded && opts.demoEvents > 0 && !process.env.HINDSIGHT_DOMAIN && process.env.HINDSIGHT_SEED_DEMO === "1") {
      const { seedDemoWorldOnce } = await import("../../domains/demo/world/seed-once");
      await seedDemoWorldOnce({ events: opts.demoEvents, log: opts.log });
    }
    const demoUsers = await bootstrapUsers(embedded, opts);
    if (!opts.dev) buildIfNeeded(opts);

    await supervisor.start(workerChild(opts.root));
    await supervisor.start(webChild(opts.root, opts.port, Boolean(opts.dev)));
    const url = `http://localhost:${opts.port}`;
    opts.log(`ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (boot ${supervisor.readyOf("web")?.bootId})`);
    return { url, databaseUrl, demoUsers, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function defaultGiveUp(log: (line: string) => void) {
  return (reason: string) => {
    log(reason);
    process.exit(1);
  };
}

function buildIfNeeded(opts: BootOptions): void {
  if (buildIsCurrent(opts.root)) return;
  opts.log("building the app (first start or sources changed; this takes a minute or two)…");
  const res = spawnSync(process.execPath, [path.join(opts.root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: opts.root,
    stdio: ["ignore", "inherit", "inherit"],
    env: process.env,
  });
  if (res.status !== 0) throw new Error("next build failed (its errors are above)");
  recordBuild(opts.root);
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
