import "server-only";
import type pg from "pg";
import { getPool } from "../../../lib/db";
import { forgetCachedKeys, getSubjectKeys, SUBJECT_KEYS_CHANNEL } from "../../../lib/schema/subject-keys";
import { appendToStream } from "../../../lib/store/append-to-stream";
import { planDemoWorld, type DemoPlan } from "./plan-demo-world";
import { runDemoTasks } from "./run-demo-tasks";

export const DEMO_WORLD_DEFAULTS = { events: 200_000, days: 90, seed: 42 } as const;
export const DEMO_WORLD_META_KEY = "demo_world";

export type SeedDemoWorldOptions = {
  events?: number;
  days?: number;
  seed?: number;
  /** The end of the period (ms since the epoch); defaults to now. */
  now?: number;
  /** Load even though the store is not empty (see seedDemoWorld). */
  force?: boolean;
  /** Wipe the event store first, whatever it holds (a half-loaded world, say). */
  reset?: boolean;
  /** Appends in flight at once. */
  concurrency?: number;
  log?: (line: string) => void;
};

export type SeedDemoWorldResult =
  | { seeded: true; events: number; seconds: number; eventsPerSecond: number; plan: Omit<DemoPlan, "tasks" | "userIds"> }
  | { seeded: false; reason: string };

/**
 * Loads the demo world through appendToStream, so it obeys every store invariant (PII sealed,
 * causation depths computed, times monotonic per stream), and records it in hindsight_meta.
 * A non-empty store is refused unless `force`: then a store holding a recorded demo world is
 * wiped and loaded again, while any other store gets the world on top, and only if none of the
 * world's streams exists yet — the seeder never deletes events it did not write (unless `reset`).
 */
export async function seedDemoWorld(opts: SeedDemoWorldOptions = {}): Promise<SeedDemoWorldResult> {
  const events = opts.events ?? DEMO_WORLD_DEFAULTS.events;
  const days = opts.days ?? DEMO_WORLD_DEFAULTS.days;
  const seed = opts.seed ?? DEMO_WORLD_DEFAULTS.seed;
  if (!Number.isInteger(events) || events < 1000) throw new Error("events must be a whole number >= 1000");
  if (!Number.isInteger(days) || days < 2 || days > 3650) throw new Error("days must be a whole number from 2 to 3650");
  if (!Number.isInteger(seed)) throw new Error("seed must be a whole number");
  const log = opts.log ?? (() => {});
  const pool = getPool();

  // Two processes starting on the same empty store must not both seed it.
  const lock = await pool.connect();
  try {
    const { rows } = await lock.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext('hindsight.demo_world')) AS ok");
    if (!rows[0].ok) return { seeded: false, reason: "another process is loading the demo world" };
    try {
      let planned: DemoPlan | undefined;
      const plan = () => (planned ??= planDemoWorld({ events, days, seed, now: opts.now }));
      if (opts.reset) {
        log("wiping the event store (--reset)");
        await wipeStore(lock);
      }
      const refusal = await prepareStore(lock, plan, Boolean(opts.force), log);
      if (refusal) return { seeded: false, reason: refusal };
      const { tasks, userIds, ...summary } = plan();
      await allowTheLoop(lock);
      // Creating each user's data key on first append costs three queries per user; a few bulk
      // calls up front cost almost nothing, and the appends then find the keys in the cache.
      for (let i = 0; i < userIds.length; i += 1000) await getSubjectKeys(userIds.slice(i, i + 1000), { create: true });
      const { counts, total } = summary;
      log(`loading ${fmt(total)} events over ${days} days (seed ${seed}): ${fmt(counts.ticks)} ticks, ${fmt(counts.orders)} order, ${fmt(counts.users)} user/profile/account, ${fmt(counts.loop)} in the loop`);
      const run = await runDemoTasks({ tasks, total, concurrency: opts.concurrency ?? 8, append: appendToStream, log });
      await lock.query(
        `INSERT INTO hindsight_meta (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [DEMO_WORLD_META_KEY, JSON.stringify({ seed, events: run.events, days, seededAt: new Date().toISOString() })],
      );
      const eventsPerSecond = Math.round(run.events / Math.max(run.seconds, 0.001));
      log(`demo world loaded: ${fmt(run.events)} events in ${run.seconds.toFixed(1)} s (${fmt(eventsPerSecond)} events/s)`);
      return { seeded: true, events: run.events, seconds: run.seconds, eventsPerSecond, plan: summary };
    } finally {
      await lock.query("SELECT pg_advisory_unlock(hashtext('hindsight.demo_world'))");
    }
  } finally {
    lock.release();
  }
}

/** Decides whether this store may be seeded (wiping a previous demo world when forced); returns a refusal or null. */
async function prepareStore(db: pg.PoolClient, plan: () => DemoPlan, force: boolean, log: (line: string) => void): Promise<string | null> {
  const meta = await db.query("SELECT value FROM hindsight_meta WHERE key = $1", [DEMO_WORLD_META_KEY]);
  const any = await db.query("SELECT 1 FROM streams LIMIT 1");
  if (meta.rowCount === 0 && any.rowCount === 0) return null;
  if (!force) {
    return meta.rowCount
      ? "the demo world is already loaded (--force wipes it and loads it again)"
      : "the store already holds events (--force loads the demo world on top of them)";
  }
  if (meta.rowCount) {
    log("wiping the previous demo world (--force)");
    await wipeStore(db);
    return null;
  }
  const ids = new Set<string>();
  for (const task of plan().tasks) for (const append of task.appends()) ids.add(append.streamId);
  const taken = await db.query<{ stream_id: string }>("SELECT stream_id FROM streams WHERE stream_id = ANY($1::text[]) LIMIT 5", [[...ids]]);
  if (taken.rowCount) {
    const names = taken.rows.map((r) => r.stream_id).join(", ");
    return `the store already holds streams the demo world writes (${names}, …): --reset wipes the store and loads it`;
  }
  return null;
}

async function wipeStore(db: pg.PoolClient): Promise<void> {
  await db.query("BEGIN");
  try {
    await db.query("TRUNCATE events, streams, idempotency_keys, correlation_counters, append_refusals, subject_keys RESTART IDENTITY");
    await db.query("DELETE FROM hindsight_meta WHERE key = $1", [DEMO_WORLD_META_KEY]);
    // Every process caches subject keys; the old ones are gone, so tell them all to forget.
    await db.query("SELECT pg_notify($1, '')", [SUBJECT_KEYS_CHANNEL]);
    await db.query("COMMIT");
  } catch (e) {
    await db.query("ROLLBACK");
    throw e;
  }
  forgetCachedKeys();
}

/**
 * The deliberate misconfiguration the demo shows: someone raised the causation-depth guard for
 * `user` and `profile` from the default 100 to 5 000 ("the profile sync needs deep chains"), so
 * the runaway UserUpdated ↔ ProfileUpdated loop is not refused at depth 100 and runs to ~2 000.
 * The correlation guard (10 000 events per correlation per hour) stays at its default; the loop
 * is sized below it because all of its appends happen now, in one hour bucket.
 */
async function allowTheLoop(db: pg.PoolClient): Promise<void> {
  await db.query(
    `INSERT INTO category_settings (category, max_causation_depth) VALUES ('user', 5000), ('profile', 5000)
     ON CONFLICT (category) DO UPDATE SET max_causation_depth = EXCLUDED.max_causation_depth, updated_at = now()`,
  );
}

function fmt(n: number): string {
  return n.toLocaleString("en").replace(/,/g, " ");
}
