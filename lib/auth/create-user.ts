import "server-only";
import type pg from "pg";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { prismaOn } from "../prisma-on";
import { isUniqueViolation } from "../prisma-errors";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { hashPassword } from "./passwords";
import type { Role } from "./permissions";
import { findUserById, normaliseEmail, type User } from "./users";

export type CreateUserOptions = {
  email: string;
  name: string;
  role: Role;
  /** Null for people who sign in only through single sign-on. */
  password: string | null;
  actor: Actor;
};

/** Creates a user (and its audit entry, in the same transaction); 409 when the e-mail is taken. */
export async function createUser(opts: CreateUserOptions): Promise<User> {
  const passwordHash = opts.password === null ? null : await hashPassword(opts.password);
  return inTransaction((client) => insertUser(client, { ...opts, passwordHash }));
}

/** The insert and its audit entry, inside a transaction the caller already holds. */
export async function insertUser(
  client: pg.ClientBase,
  opts: Omit<CreateUserOptions, "password"> & { passwordHash: string | null },
): Promise<User> {
  const email = normaliseEmail(opts.email);
  // A taken e-mail (unique on lower(email)) fails the insert, and so the transaction: nothing else is written.
  const { id } = await prismaOn(client)
    .user.create({ data: { email, name: opts.name.trim(), role: opts.role, passwordHash: opts.passwordHash }, select: { id: true } })
    .catch((e: unknown) => {
      throw isUniqueViolation(e) ? new AppError("conflict", "a user with this e-mail already exists", { field: "email" }) : e;
    });
  await appendAudit(client, {
    actor: opts.actor,
    action: "user.created",
    target: `user:${email}`,
    details: { userId: id, role: opts.role, name: opts.name.trim(), signIn: opts.passwordHash ? "password" : "sso" },
  });
  return (await findUserById(id, client))!;
}
