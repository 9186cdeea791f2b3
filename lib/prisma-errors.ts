import { Prisma } from "./generated/prisma/client";

/**
 * For `.catch(orNotFound)` after a Prisma update or delete by a unique key: no such row gives null
 * (the 0-row statement succeeded, so the transaction goes on), any other failure is rethrown.
 */
export function orNotFound(e: unknown): null {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2025") return null;
  throw e;
}

/** Whether a Prisma write failed on a unique constraint (PostgreSQL's 23505). */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}
