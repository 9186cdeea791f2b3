import pg from "pg";
import { closeDb } from "../db";
import { env, setEnv } from "../env";

/** The test database as its owner (the role migrations run as), for tests that need more than the app may do. */
export function ownerUrl(): string {
  const url = env("DATABASE_MIGRATE_URL");
  if (!url) throw new Error("DATABASE_MIGRATE_URL is not set (lib/testing/fresh-database.ts sets it)");
  return url;
}

/** Runs fn on a connection as the owner: wiping the store, tampering with the audit log as an attacker with the owner's password would. */
export async function asOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ownerUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Runs app code as the owner, as `npm run seed -- --force` does: the pool is switched for fn and back. */
export async function withAppAsOwner<T>(fn: () => Promise<T>): Promise<T> {
  const runtime = env("DATABASE_URL");
  await closeDb();
  setEnv({ DATABASE_URL: ownerUrl() });
  try {
    return await fn();
  } finally {
    await closeDb();
    setEnv({ DATABASE_URL: runtime });
  }
}
