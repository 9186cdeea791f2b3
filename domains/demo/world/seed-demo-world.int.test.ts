import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { closeDb, getPool } from "../../../lib/db";
import { OWNER_ROLE } from "../../../lib/db-roles";
import { forgetCachedKeys } from "../../../lib/schema/subject-keys";
import { withAppAsOwner } from "../../../lib/testing/owner-db";
import { seedDemoWorld } from "./seed-demo-world";

const WORLD = { events: 5_000, days: 90, seed: 42, now: Date.now() };

/** A fingerprint of everything that should not depend on the run: PII ciphertexts use fresh keys and ivs, so they are left out. */
async function fingerprint(): Promise<{ fp: string; n: number }> {
  const { rows } = await getPool().query<{ fp: string; n: number }>(
    `SELECT md5(string_agg(concat_ws('|', event_id, stream_id, stream_version, type, schema_version, correlation_id,
                causation_id, causation_depth, recorded_at, metadata::text, CASE WHEN subjects = '{}' THEN data::text END),
                E'\\n' ORDER BY stream_id, stream_version)) AS fp, count(*)::int AS n
       FROM events`,
  );
  return rows[0];
}

async function withDatabase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: inject("clusterUrl") });
  await admin.connect();
  const original = process.env.DATABASE_URL;
  const url = new URL(inject("runtimeUrl"));
  url.pathname = `/${name}`;
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE hindsight_template OWNER ${OWNER_ROLE}`);
    // The pool and the subject-key cache belong to one database: switch both.
    await closeDb();
    forgetCachedKeys();
    process.env.DATABASE_URL = url.toString();
    return await fn();
  } finally {
    await closeDb();
    forgetCachedKeys();
    process.env.DATABASE_URL = original;
    // closeDb() resolves before the server has seen every connection go; wait rather than kill them.
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

describe("seedDemoWorld (a 5 000-event world)", () => {
  let first: { fp: string; n: number };

  it("loads about the requested number of events and records it", async () => {
    const result = await seedDemoWorld(WORLD);
    expect(result.seeded).toBe(true);
    first = await fingerprint();
    expect(Math.abs(first.n - 5_000)).toBeLessThan(250);
    const meta = await getPool().query("SELECT value FROM hindsight_meta WHERE key = 'demo_world'");
    expect(meta.rows[0].value).toMatchObject({ seed: 42, events: first.n, days: 90 });
  });

  it("stores OrderPlaced at schema versions 1 and 2", async () => {
    const { rows } = await getPool().query("SELECT DISTINCT schema_version FROM events WHERE type = 'OrderPlaced' ORDER BY 1");
    expect(rows.map((r) => r.schema_version)).toEqual([1, 2]);
  });

  it("keeps no plaintext email anywhere in event data", async () => {
    const pool = getPool();
    const plain = await pool.query("SELECT count(*)::int AS n FROM events WHERE data::text LIKE '%@%'");
    expect(plain.rows[0].n).toBe(0);
    const sealed = await pool.query(
      `SELECT count(*)::int AS n FROM events WHERE type = 'UserRegistered' AND data->'email' ? '$pii' AND subjects = ARRAY[data->>'userId']`,
    );
    const registered = await pool.query("SELECT count(*)::int AS n FROM events WHERE type = 'UserRegistered'");
    expect(sealed.rows[0].n).toBe(registered.rows[0].n);
    expect(registered.rows[0].n).toBeGreaterThan(50);
  });

  it("contains a user ↔ profile loop in one correlation, deeper than the default guard", async () => {
    const { rows } = await getPool().query(
      `SELECT correlation_id, count(*)::int AS n, max(causation_depth) AS depth, array_agg(DISTINCT category ORDER BY category) AS categories
         FROM events WHERE correlation_id IS NOT NULL GROUP BY correlation_id ORDER BY n DESC LIMIT 1`,
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(300);
    expect(rows[0].depth).toBeGreaterThan(100);
    expect(rows[0].categories).toEqual(["profile", "user"]);
  });

  it("gives ordinary orders short causation chains (command → event → event)", async () => {
    const { rows } = await getPool().query(
      "SELECT type, min(causation_depth) AS lo, max(causation_depth) AS hi FROM events WHERE category = 'order' GROUP BY type",
    );
    const byType = Object.fromEntries(rows.map((r) => [r.type, r]));
    expect(byType.OrderPlaced).toMatchObject({ lo: 1, hi: 3 });
    expect(byType.OrderPaid.lo).toBeGreaterThanOrEqual(2);
    expect(byType.OrderShipped.hi).toBeLessThanOrEqual(5);
  });

  it("keeps every stream's times increasing", async () => {
    const { rows } = await getPool().query(
      `SELECT count(*)::int AS n FROM events a JOIN events b ON b.stream_id = a.stream_id AND b.stream_version = a.stream_version + 1
        WHERE b.recorded_at <= a.recorded_at`,
    );
    expect(rows[0].n).toBe(0);
  });

  it("refuses to load twice, and reloads the same world when forced", async () => {
    const again = await seedDemoWorld(WORLD);
    expect(again).toMatchObject({ seeded: false });
    // Wiping the store is TRUNCATE: the owner's job (npm run seed runs as DATABASE_MIGRATE_URL).
    const forced = await withAppAsOwner(() => seedDemoWorld({ ...WORLD, force: true }));
    expect(forced.seeded).toBe(true);
    expect(await fingerprint()).toEqual(first);
  });

  it("loads the same events into another database for the same seed", async () => {
    const second = await withDatabase(`t_demo_${process.pid}`, async () => {
      await seedDemoWorld(WORLD);
      return fingerprint();
    });
    expect(second).toEqual(first);
  });
});
