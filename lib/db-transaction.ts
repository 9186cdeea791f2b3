import "server-only";
import type pg from "pg";
import { getPool } from "./db";

/**
 * Runs `fn` in one transaction on one pooled connection: committed when it returns, rolled back
 * when it throws. A change and its audit entry are written through the same client.
 */
export async function inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
