import pg from "pg";
import { afterEach, expect, vi } from "vitest";
import { getPool } from "../db";
import { env } from "../env";

const held: pg.Client[] = [];

// Every file that opens held transactions gets them closed after each test.
afterEach(async () => {
  for (const c of held.splice(0)) await c.end().catch(() => undefined);
});

/** A raw connection holding an explicit transaction, standing in for "another writer got there first". */
export async function openTransaction(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: env("DATABASE_URL") });
  await c.connect();
  held.push(c);
  await c.query("BEGIN");
  return c;
}

/** Waits until `n` backends of this database are blocked on a lock (so racers really are in flight together). */
export async function untilBlocked(n: number): Promise<void> {
  await vi.waitFor(
    async () => {
      const { rows } = await getPool().query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      expect(rows[0].n).toBeGreaterThanOrEqual(n);
    },
    { timeout: 10_000, interval: 20 },
  );
}
