import "server-only";
import type pg from "pg";
import { getPool } from "../db";

/**
 * The person behind an actor id: itself for a user, the token's owner for the `token:<id>` ids
 * release 0.1.0 recorded. Two-person rules compare what this returns, never credentials.
 */
export async function personOf(db: pg.ClientBase | pg.Pool, actorId: string): Promise<string> {
  if (!actorId.startsWith("token:")) return actorId;
  const { rows } = await db.query<{ owner_id: string }>("SELECT owner_id::text FROM api_tokens WHERE id::text = $1", [actorId.slice("token:".length)]);
  return rows[0]?.owner_id ?? actorId;
}

/** Whether two actor ids are the same person (what the approval page tells the requester). */
export async function isSamePerson(a: string, b: string): Promise<boolean> {
  const pool = getPool();
  return (await personOf(pool, a)) === (await personOf(pool, b));
}
