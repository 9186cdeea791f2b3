import "server-only";
import { revokeAllSessions } from "./user-sessions";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { prismaOn } from "../prisma-on";
import { transactionNow } from "../prisma-time";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import type { Role } from "./permissions";
import { findUserById, otherActiveAdmins, type User, type UserStatus } from "./users";

export type ChangeRoleOptions = { userId: string; role: Role; actor: Actor };

/** Gives a user another role; it applies to their next request, since every request re-reads the role. */
export async function changeUserRole(opts: ChangeRoleOptions): Promise<User> {
  return inTransaction(async (client) => {
    const user = await lockUser(client, opts.userId);
    if (user.role === opts.role) return user;
    if (user.role === "admin" && user.status === "active" && (await otherActiveAdmins(client, user.id)) === 0) {
      throw new AppError("conflict", "this is the last active admin: make someone else an admin first");
    }
    await prismaOn(client).user.update({ where: { id: user.id }, data: { role: opts.role, updatedAt: await transactionNow(client) } });
    await appendAudit(client, { actor: opts.actor, action: "user.role_changed", target: `user:${user.email}`, details: { userId: user.id, from: user.role, to: opts.role } });
    return (await findUserById(user.id, client))!;
  });
}

export type SetStatusOptions = { userId: string; status: UserStatus; actor: Actor };

/**
 * Disables or re-enables a user. Disabling bumps the session version, so their sessions end on
 * their next request; their API tokens stop working because every check needs an active owner.
 */
export async function setUserStatus(opts: SetStatusOptions): Promise<User> {
  return inTransaction(async (client) => {
    const user = await lockUser(client, opts.userId);
    if (user.status === opts.status) return user;
    if (opts.status === "disabled" && user.role === "admin" && (await otherActiveAdmins(client, user.id)) === 0) {
      throw new AppError("conflict", "this is the last active admin: it cannot be disabled");
    }
    await prismaOn(client).user.update({
      where: { id: user.id },
      data: { status: opts.status, updatedAt: await transactionNow(client), sessionVersion: { increment: opts.status === "disabled" ? 1 : 0 } },
    });
    if (opts.status === "disabled") await revokeAllSessions(user.id, "disabled", client);
    await appendAudit(client, {
      actor: opts.actor,
      action: opts.status === "disabled" ? "user.disabled" : "user.enabled",
      target: `user:${user.email}`,
      details: { userId: user.id },
    });
    return (await findUserById(user.id, client))!;
  });
}

const USERS_LOCK = 0x48535553; // "HSUS"

async function lockUser(client: import("pg").ClientBase, userId: string): Promise<User> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) throw new AppError("not_found", "there is no such user");
  // One user change at a time: two admins demoting each other at once must not leave no admin at all.
  await client.query("SELECT pg_advisory_xact_lock($1)", [USERS_LOCK]);
  const user = await findUserById(userId, client);
  if (!user) throw new AppError("not_found", "there is no such user");
  return user;
}
