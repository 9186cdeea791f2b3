// npm run make-release-fixture — packs the .data/ that this release's first `npm start` leaves
// (embedded PostgreSQL, secrets, demo users, a small demo world) as a fixture for the next
// release's upgrade-in-place test. Run it on the release commit; the fixture's secrets are test-only.
import "../domains/demo/install";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { startCluster } from "../lib/embedded-postgres";
import { ensureRoles } from "../lib/db-roles";
import { runOwnerStep } from "../lib/db-owner-step";
import { loadOrCreateSecrets } from "./lib/secrets";

async function main() {
  const release = process.argv[2];
  if (!release) throw new Error("usage: make-release-fixture <release-name> [out-dir]");
  const outDir = path.resolve(process.argv[3] ?? "lib/testing/fixtures");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-fixture-"));
  fs.chmodSync(work, 0o711);
  const dataDir = path.join(work, ".data");
  const secrets = loadOrCreateSecrets(dataDir);
  process.env.HINDSIGHT_MASTER_KEY = secrets.masterKey;
  process.env.NEXTAUTH_SECRET = secrets.nextauthSecret;
  process.env.HINDSIGHT_ARCHIVE_DIR = path.join(dataDir, "archive");
  const port = 54300 + Math.floor(Math.random() * 90);
  const cluster = await startCluster({ dir: path.join(dataDir, "pg"), port, password: secrets.pgPassword });
  // As a first start does: both roles, the owner step, then the app as the runtime role.
  const roles = await ensureRoles({ superuserUrl: cluster.url("postgres"), database: "hindsight", ownerPassword: secrets.pgOwnerPassword, runtimePassword: secrets.pgRuntimePassword });
  await runOwnerStep({ ...roles, log: console.log });
  process.env.DATABASE_URL = roles.runtimeUrl;
  const { seedDemoWorldOnce } = await import("../domains/demo/world/seed-once");
  await seedDemoWorldOnce({ events: 3_000, log: console.log });
  const { ensureDemoUsers } = await import("../lib/auth/bootstrap-users");
  await ensureDemoUsers(dataDir);
  // The worker schedules its jobs, as a first start does.
  const { startWorker } = await import("../lib/jobs/worker");
  const worker = await startWorker(process.env.DATABASE_URL);
  await new Promise((r) => setTimeout(r, 3_000));
  await worker.stop();
  const { closeDb } = await import("../lib/db");
  await closeDb();
  await cluster.stop();
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `release-${release}-data.tar.gz`);
  const res = spawnSync("tar", ["-czf", file, "--numeric-owner", "-C", work, ".data"], { stdio: "inherit" });
  if (res.status !== 0) throw new Error("tar failed");
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`wrote ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`);
}

main().then(() => process.exit(0), (e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
