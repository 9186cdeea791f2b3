import { beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "./audit/actor";
import { appendAudit } from "./audit/append-audit";
import { getPool } from "./db";
import { inTransaction } from "./db-transaction";
import { OWNER_ROLE, RUNTIME_ROLE } from "./db-roles";
import { createBoss } from "./jobs/boss";
import { JOB_QUEUES, PGBOSS_SCHEDULE_QUEUE } from "./jobs/job-queues";
import { discardVersion } from "./projections/discard-version";
import { loadStates, writeStates } from "./projections/rows-table";
import { startRebuild } from "./projections/start-rebuild";
import { asOwner } from "./testing/owner-db";
import { env } from "./env";

// The app runs as a role that can neither rewrite its audit trail nor change the schema; what it
// needs DDL for goes through the owner (migrations, pg-boss queues, definer functions).

const actor = systemActor("db-roles-test");

async function partitionExists(versionId: number): Promise<boolean> {
  const { rows } = await getPool().query<{ ok: boolean }>("SELECT to_regclass($1) IS NOT NULL AS ok", [`public.projection_rows_v${versionId}`]);
  return rows[0].ok;
}

describe("the runtime role", () => {
  // Row triggers only fire on rows: with an entry in place, only the missing privilege explains a refusal.
  beforeAll(async () => {
    await inTransaction((c) => appendAudit(c, { actor, action: "test.roles.first" }));
  });

  it("is who the app connects as: no superuser, no CREATEDB or CREATEROLE, not the owner of audit_log", async () => {
    const { rows } = await getPool().query(
      `SELECT current_user AS "user", r.rolsuper AS super, r.rolcreatedb AS createdb, r.rolcreaterole AS createrole,
              pg_get_userbyid(c.relowner) AS "auditOwner"
         FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'audit_log'::regclass`,
    );
    expect(rows[0]).toEqual({ user: RUNTIME_ROLE, super: false, createdb: false, createrole: false, auditOwner: OWNER_ROLE });
  });

  it.each([
    ["DELETE FROM audit_log", /permission denied for table audit_log/],
    ["UPDATE audit_log SET action = 'x'", /permission denied for table audit_log/],
    ["TRUNCATE audit_log", /permission denied for table audit_log/],
    ["ALTER TABLE audit_log DISABLE TRIGGER ALL", /must be owner of table audit_log/],
    ["ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update", /must be owner of table audit_log/],
    ["DROP TABLE audit_log", /must be owner of table audit_log/],
    ["CREATE TRIGGER t AFTER INSERT ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION pg_catalog.now()", /permission denied for table audit_log/],
    ["CREATE TABLE x ()", /permission denied for schema public/],
    ["CREATE SCHEMA x", /permission denied for database/],
    ["CREATE FUNCTION x() RETURNS int LANGUAGE sql AS 'SELECT 1'", /permission denied for schema public/],
    ["TRUNCATE events", /permission denied for table events/],
  ])("cannot run %s", async (sql, error) => {
    await expect(getPool().query(sql)).rejects.toThrow(error);
  });

  it("cannot switch off the append-only trigger and delete the newest entry in one transaction, as an attacker with its password would", async () => {
    const before = await getPool().query("SELECT max(id) AS id, count(*)::int AS n FROM audit_log");
    const client = await getPool().connect();
    try {
      await client.query("BEGIN");
      await expect(client.query("ALTER TABLE audit_log DISABLE TRIGGER ALL")).rejects.toThrow(/must be owner/);
      await client.query("ROLLBACK");
      await expect(client.query("DELETE FROM audit_log WHERE id = $1", [before.rows[0].id])).rejects.toThrow(/permission denied/);
    } finally {
      client.release();
    }
    const after = await getPool().query("SELECT max(id) AS id, count(*)::int AS n FROM audit_log");
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it("appends to the audit log and reads it", async () => {
    const entry = await inTransaction((c) => appendAudit(c, { actor, action: "test.roles" }));
    const { rows } = await getPool().query("SELECT action FROM audit_log WHERE id = $1", [entry.id]);
    expect(rows).toEqual([{ action: "test.roles" }]);
  });

  it("rebuilds a projection into a new partition and discards it (a DROP) through the owner's functions", async () => {
    const { versionId } = await startRebuild({ name: "account-balances", codeVersion: 2, partitions: 1, actor });
    expect(await partitionExists(versionId)).toBe(true);
    const owner = await getPool().query("SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = $1::regclass", [`projection_rows_v${versionId}`]);
    expect(owner.rows[0].owner).toBe(OWNER_ROLE);
    // The app writes and reads the new partition (default privileges) before the version is discarded.
    const client = await getPool().connect();
    try {
      await writeStates(client, versionId, ["k1"], new Map([["k1", { n: 1 }]]));
      expect(await loadStates(client, versionId, ["k1"])).toEqual(new Map([["k1", { n: 1 }]]));
    } finally {
      client.release();
    }
    await expect(getPool().query(`DROP TABLE projection_rows_v${versionId}`)).rejects.toThrow(/must be owner/);
    await discardVersion({ name: "account-balances", versionId, actor });
    expect(await partitionExists(versionId)).toBe(false);
  });

  it("cannot use the partition functions on anything but a partition of projection_rows named by an integer", async () => {
    await expect(getPool().query("SELECT hs_create_rows_partition(-1)")).rejects.toThrow(/not a projection version id/);
    await expect(getPool().query("SELECT hs_create_rows_partition(2147483000)")).rejects.toThrow(/no projection version/);
    // A table that merely has the name of a partition is not dropped.
    await asOwner((c) => c.query("CREATE TABLE projection_rows_v2147483001 (x int)"));
    await getPool().query("SELECT hs_drop_rows_partition(2147483001)");
    const { rows } = await getPool().query("SELECT to_regclass('public.projection_rows_v2147483001') IS NOT NULL AS ok");
    expect(rows[0].ok).toBe(true);
  });

  it("works pg-boss jobs on the queues the owner created, and cannot create a queue table itself", async () => {
    const boss = createBoss(env("DATABASE_URL")!);
    await boss.start();
    try {
      const queues = (await boss.getQueues()).map((q) => q.name).sort();
      expect(queues).toEqual([...JOB_QUEUES.map((q) => q.name), PGBOSS_SCHEDULE_QUEUE].sort());
      // What every worker start does: the queue is there, so nothing is created.
      for (const q of JOB_QUEUES) await boss.createQueue(q.name, { name: q.name, policy: q.policy });
      const queue = JOB_QUEUES.find((q) => q.policy === "standard")!.name;
      const id = await boss.send(queue, { probe: true });
      const [job] = await boss.fetch(queue);
      expect(job.id).toBe(id);
      await boss.complete(queue, job.id);
      expect((await boss.getJobById(queue, job.id))?.state).toBe("completed");
      await boss.schedule(queue, "*/5 * * * *", {});
      expect((await boss.getSchedules()).map((x) => x.name)).toContain(queue);
      await expect(boss.createQueue("db-roles-probe")).rejects.toThrow(/permission denied/);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
