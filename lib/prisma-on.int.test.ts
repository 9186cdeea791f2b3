import { describe, expect, it } from "vitest";
import { systemActor } from "./audit/actor";
import { appendAudit } from "./audit/append-audit";
import { verifyAuditChain } from "./audit/verify-audit-chain";
import { getPool, getPrisma } from "./db";
import { RUNTIME_ROLE } from "./db-roles";
import { inTransaction } from "./db-transaction";
import { sessionTimeouts } from "./db-timeouts";
import { prismaOn } from "./prisma-on";
import { unique } from "./testing/expectations";

// A change made through Prisma and its audit entry are one transaction: a failure after both are
// written leaves neither, and Prisma runs as the same role with the same session limits as pg.

const actor = systemActor("prisma-test");
const auditFor = async (target: string) =>
  (await getPool().query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE target = $1", [target])).rows[0].n;

describe("prismaOn(client) inside inTransaction", () => {
  it("commits the change and its audit entry together", async () => {
    const target = `prisma-commit-${unique()}`;
    await inTransaction(async (client) => {
      await prismaOn(client).legalHold.create({ data: { scope: "subject", target, reason: "committed", createdBy: actor.label } });
      await appendAudit(client, { actor, action: "legal_hold.created", target });
    });
    expect(await getPrisma().legalHold.count({ where: { target } })).toBe(1);
    expect(await auditFor(target)).toBe(1);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("rolls back both the change and its audit entry when something fails after them", async () => {
    const target = `prisma-rollback-${unique()}`;
    const failed = inTransaction(async (client) => {
      const db = prismaOn(client);
      await db.legalHold.create({ data: { scope: "subject", target, reason: "rolled back", createdBy: actor.label } });
      await appendAudit(client, { actor, action: "legal_hold.created", target });
      // Seen from inside, both are there: the Prisma write and the pg write share one transaction.
      expect(await db.legalHold.count({ where: { target } })).toBe(1);
      expect((await client.query("SELECT 1 FROM audit_log WHERE target = $1", [target])).rowCount).toBe(1);
      throw new Error("failure after the change");
    });
    await expect(failed).rejects.toThrow("failure after the change");
    expect(await getPrisma().legalHold.count({ where: { target } })).toBe(0);
    expect(await auditFor(target)).toBe(0);
  });

  it("rolls back the change when the database refuses a later statement of the transaction", async () => {
    const target = `prisma-refused-${unique()}`;
    const failed = inTransaction(async (client) => {
      await prismaOn(client).legalHold.create({ data: { scope: "subject", target, reason: "refused later", createdBy: actor.label } });
      await appendAudit(client, { actor, action: "legal_hold.created", target });
      // The scope check constraint refuses this one.
      await prismaOn(client).legalHold.create({ data: { scope: "planet", target, reason: "bad scope", createdBy: actor.label } });
    });
    await expect(failed).rejects.toThrow(/legal_holds_scope_check|check constraint/);
    expect(await getPrisma().legalHold.count({ where: { target } })).toBe(0);
    expect(await auditFor(target)).toBe(0);
  });

  it("a Prisma $transaction inside is a savepoint: it commits only with the outer transaction", async () => {
    const target = `prisma-nested-${unique()}`;
    const failed = inTransaction(async (client) => {
      await prismaOn(client).$transaction(async (tx) => tx.legalHold.create({ data: { scope: "subject", target, reason: "nested", createdBy: actor.label } }));
      await appendAudit(client, { actor, action: "legal_hold.created", target });
      throw new Error("failure after the nested transaction");
    });
    await expect(failed).rejects.toThrow("failure after the nested transaction");
    expect(await getPrisma().legalHold.count({ where: { target } })).toBe(0);
    expect(await auditFor(target)).toBe(0);
  });

  it("a Prisma $transaction inside that fails undoes its own writes and leaves the outer transaction usable", async () => {
    const target = `prisma-inner-${unique()}`;
    await inTransaction(async (client) => {
      const db = prismaOn(client);
      await db.legalHold.create({ data: { scope: "subject", target, reason: "outer", createdBy: actor.label } });
      const inner = db.$transaction(async (tx) => {
        await tx.legalHold.create({ data: { scope: "subject", target, reason: "inner", createdBy: actor.label } });
        throw new Error("inner failure");
      });
      await expect(inner).rejects.toThrow("inner failure");
      await appendAudit(client, { actor, action: "legal_hold.created", target });
    });
    expect((await getPrisma().legalHold.findMany({ where: { target } })).map((h) => h.reason)).toEqual(["outer"]);
    expect(await auditFor(target)).toBe(1);
  });
});

describe("getPrisma()", () => {
  it("runs as the runtime role with the session limits of the pg pool", async () => {
    const [row] = await getPrisma().$queryRaw<Array<{ role: string; statement: string; idle: string; tz: string }>>`
      SELECT current_user::text AS role, (SELECT setting FROM pg_settings WHERE name = 'statement_timeout') AS statement,
             (SELECT setting FROM pg_settings WHERE name = 'idle_in_transaction_session_timeout') AS idle, current_setting('TimeZone') AS tz`;
    const limits = sessionTimeouts();
    expect(row).toEqual({ role: RUNTIME_ROLE, statement: String(limits.statementMs), idle: String(limits.idleInTransactionMs), tz: "UTC" });
  });
});
