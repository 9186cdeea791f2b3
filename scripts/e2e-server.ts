// The app as Playwright sees it: a throwaway embedded PostgreSQL with a small demo world, the real build, next start.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DemoCredential } from "../lib/auth/bootstrap-users";
import { boot } from "./lib/boot";
import { describeStartError } from "./lib/start-error";

async function main() {
  delete process.env.DATABASE_URL;
  // Alert rules evaluated every second (30 s in production), so e2e/alerts.spec.ts sees them fire and resolve quickly.
  process.env.HINDSIGHT_ALERT_INTERVAL_MS ??= "1000";
  // A file left by an earlier run would hold that run's passwords: the specs wait for this run's.
  if (process.env.E2E_CREDENTIALS_FILE) fs.rmSync(process.env.E2E_CREDENTIALS_FILE, { force: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-e2e-"));
  // mkdtemp makes it 0700: the postgres system user (the server runs as it when we are root)
  // must be able to pass through to the data directory inside.
  fs.chmodSync(dataDir, 0o711);
  // Archive segments of this run live and go with its data directory.
  process.env.HINDSIGHT_ARCHIVE_DIR ??= path.join(dataDir, "archive");
  const log = (line: string) => console.log(`[e2e-server] ${line}`);
  const app = await boot({
    root: process.cwd(),
    dataDir,
    port: Number(process.env.E2E_PORT ?? 3210),
    pgPort: Number(process.env.E2E_PG_PORT ?? 54399),
    demoEvents: Number(process.env.E2E_DEMO_EVENTS ?? 30_000),
    log,
  });
  const credentialsFile = process.env.E2E_CREDENTIALS_FILE;
  if (credentialsFile) await writeCredentials(credentialsFile, app.demoUsers, app.databaseUrl);
  log(`ready at ${app.url}`);
  const shutdown = async () => {
    await app.stop().catch(() => undefined);
    if (credentialsFile) fs.rmSync(credentialsFile, { force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

/**
 * The specs sign in as the demo users, call the API with a token and (to tamper with the audit
 * log) reach the database: all three are written to a file the Playwright process reads
 * (mode 0600, removed at shutdown; the database is a throwaway one anyway).
 */
async function writeCredentials(file: string, users: DemoCredential[], databaseUrl: string): Promise<void> {
  const { createApiToken } = await import("../lib/auth/api-tokens");
  const { findUserForSignIn } = await import("../lib/auth/users");
  const { SCOPES } = await import("../lib/auth/permissions");
  const admin = await findUserForSignIn("admin@hindsight.local");
  if (!admin) throw new Error("the demo admin is missing");
  const { token } = await createApiToken({ name: "e2e", scopes: SCOPES, ownerId: admin.id, actor: { id: "system:e2e", label: "e2e server" } });
  // The owner's URL too: the audit spec tampers with the log as someone with the owner's password would.
  const ownerDatabaseUrl = process.env.DATABASE_MIGRATE_URL;
  fs.writeFileSync(file, JSON.stringify({ users, token, databaseUrl, ownerDatabaseUrl }, null, 2), { mode: 0o600 });
}

main().catch((e) => {
  console.error(`[e2e-server] failed to start: ${describeStartError(e)}`);
  process.exit(1);
});
