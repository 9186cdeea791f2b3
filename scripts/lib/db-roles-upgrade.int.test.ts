import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../lib/audit/actor";
import { closeDb, getPool } from "../../lib/db";
import { OWNER_ROLE, RUNTIME_ROLE, ensureRoles, type RoleUrls } from "../../lib/db-roles";
import { runOwnerStep } from "../../lib/db-owner-step";
import { startCluster, type EmbeddedCluster } from "../../lib/embedded-postgres";
import { createBoss } from "../../lib/jobs/boss";
import { JOB_QUEUES, PGBOSS_SCHEDULE_QUEUE } from "../../lib/jobs/job-queues";
import { discardVersion } from "../../lib/projections/discard-version";
import { startRebuild } from "../../lib/projections/start-rebuild";
import { appendToStream } from "../../lib/store/append-to-stream";
import { readAll } from "../../lib/store/read-all";
import { freePort } from "../../lib/testing/global-setup";
import { loadOrCreateSecrets } from "./secrets";

// Release 0.1.0's .data/ ran everything as the embedded superuser; the first start of this
// release hands its objects to the owner role and runs the app as the runtime role, in place.

const FIXTURE = path.join(process.cwd(), "lib/testing/fixtures/release-0.1.0-data.tar.gz");
let work = "";
let cluster: EmbeddedCluster | undefined;
let superuserUrl = "";
let roles: RoleUrls;
let auditOwnerBefore = "";
const saved = { DATABASE_URL: process.env.DATABASE_URL, HINDSIGHT_MASTER_KEY: process.env.HINDSIGHT_MASTER_KEY };

async function asSuperuser<T>(sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: superuserUrl });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Objects in the app's schemas that someone other than the owner role owns. */
const NOT_OWNED = `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> '${OWNER_ROLE}'`;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-upgrade-"));
  fs.chmodSync(work, 0o711);
  const tar = spawnSync("tar", ["-xzf", FIXTURE, "-C", work]);
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
  const dataDir = path.join(work, ".data");
  fs.chmodSync(dataDir, 0o711);
  // The fixture's PostgreSQL files belong to uid 101; the server runs as this machine's postgres user.
  const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim();
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim();
  if (spawnSync("chown", ["-R", `${uid}:${gid}`, path.join(dataDir, "pg")]).status !== 0) throw new Error("chown failed");
  const secrets = loadOrCreateSecrets(dataDir);
  process.env.HINDSIGHT_MASTER_KEY = secrets.masterKey;
  cluster = await startCluster({ dir: path.join(dataDir, "pg"), port: await freePort(), password: secrets.pgPassword });
  superuserUrl = cluster.url("hindsight");
  [{ owner: auditOwnerBefore }] = await asSuperuser<{ owner: string }>("SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'audit_log'::regclass");
  // What boot.ts does on the first start of this release.
  roles = await ensureRoles({ superuserUrl: cluster.url("postgres"), database: "hindsight", ownerPassword: secrets.pgOwnerPassword, runtimePassword: secrets.pgRuntimePassword });
  await runOwnerStep(roles);
  await closeDb();
  process.env.DATABASE_URL = roles.runtimeUrl;
}, 180_000);

afterAll(async () => {
  await closeDb();
  Object.assign(process.env, saved);
  await cluster?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
}, 60_000);

describe("upgrading release 0.1.0's .data/ in place", () => {
  it("was the superuser's, and now every table, sequence and view belongs to the owner role", async () => {
    expect(auditOwnerBefore).toBe("hindsight");
    const [{ n }] = await asSuperuser<{ n: number }>(NOT_OWNED);
    expect(n).toBe(0);
    const [before] = await asSuperuser<{ n: number }>("SELECT count(*)::int AS n FROM _prisma_migrations WHERE migration_name < '20261203005000'");
    expect(before.n).toBeGreaterThan(0); // the release's own migrations were there before this start
  });

  it("reads the release's events and appends new ones as the runtime role", async () => {
    const { rows } = await getPool().query("SELECT current_user AS u");
    expect(rows[0].u).toBe(RUNTIME_ROLE);
    const page = await readAll({ limit: 50, pii: "clear" });
    expect(page.events.length).toBe(50);
    const r = await appendToStream({ streamId: "upgrade-probe-1", events: [{ type: "UpgradeProbed", data: { ok: true } }] });
    expect(r.toVersion).toBe(1);
  });

  it("rebuilds a projection into a new partition and drops it on discard", async () => {
    const actor = systemActor("upgrade-test");
    const { versionId } = await startRebuild({ name: "account-balances", codeVersion: 2, partitions: 1, actor });
    const exists = async () => (await getPool().query("SELECT to_regclass($1) IS NOT NULL AS ok", [`public.projection_rows_v${versionId}`])).rows[0].ok;
    expect(await exists()).toBe(true);
    await discardVersion({ name: "account-balances", versionId, actor });
    expect(await exists()).toBe(false);
  });

  it("runs pg-boss without migrating, on queues the owner step created", async () => {
    const boss = createBoss(roles.runtimeUrl);
    await boss.start();
    try {
      expect((await boss.getQueues()).map((q) => q.name).sort()).toEqual([...JOB_QUEUES.map((q) => q.name), PGBOSS_SCHEDULE_QUEUE].sort());
      const id = await boss.send("erasure-sweep", {});
      expect(id).toBeTruthy();
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });

  it.each([
    ["DELETE FROM audit_log", /permission denied for table audit_log/],
    ["ALTER TABLE audit_log DISABLE TRIGGER ALL", /must be owner of table audit_log/],
    ["CREATE TABLE x ()", /permission denied for schema public/],
  ])("refuses %s to the runtime role", async (sql, error) => {
    await expect(getPool().query(sql)).rejects.toThrow(error);
  });

  it("starts again without change: the roles and the owner step are idempotent", async () => {
    const secrets = loadOrCreateSecrets(path.join(work, ".data"));
    const again = await ensureRoles({ superuserUrl: cluster!.url("postgres"), database: "hindsight", ownerPassword: secrets.pgOwnerPassword, runtimePassword: secrets.pgRuntimePassword });
    expect(await runOwnerStep(again)).toEqual([]);
    const [{ n }] = await asSuperuser<{ n: number }>(NOT_OWNED);
    expect(n).toBe(0);
  });
});
