import { randomUUID } from "node:crypto";
import { AppError } from "../errors";

/** A short unique suffix so fixtures never collide across tests running in any order. */
export const unique = () => randomUUID().slice(0, 8);

/** Awaits an operation that must be refused and returns the typed refusal (fails the test otherwise). */
export async function refusalOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the operation to be refused");
}
