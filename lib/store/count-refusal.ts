import "server-only";
import { getPool, onCloseDb } from "../db";

/** How often counted refusals are written out. */
const FLUSH_INTERVAL_MS = 1_000;

type Counts = {
  /** JSON of [hour, category, reason] → refusals not yet written. */
  pending: Map<string, number>;
  timer?: NodeJS.Timeout;
  /** Whether a flush on closeDb() is registered for the current pool. */
  registered: boolean;
  flushing?: Promise<void>;
};

// On globalThis: Next.js may load this module more than once in one process, and every copy must add to one tally.
const counts: Counts = ((globalThis as { __hindsightRefusals?: Counts }).__hindsightRefusals ??= { pending: new Map(), registered: false });

/**
 * Counts a refused append (or an idempotent replay) per hour, category and reason. The count is
 * kept in this process and written out within a second, in one statement for all of them: a hot
 * stream's 409s no longer queue up behind each other on one counter row. A failure to count never
 * hides the refusal itself.
 */
export function countRefusal(category: string, reason: string): void {
  const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
  const key = JSON.stringify([hour, category, reason]);
  counts.pending.set(key, (counts.pending.get(key) ?? 0) + 1);
  schedule();
}

function schedule(): void {
  if (!counts.registered) {
    counts.registered = true;
    onCloseDb(async () => {
      counts.registered = false;
      await flushRefusalCounts();
    });
  }
  if (!counts.timer) {
    counts.timer = setTimeout(() => {
      counts.timer = undefined;
      void flushRefusalCounts();
    }, FLUSH_INTERVAL_MS);
    counts.timer.unref();
  }
}

/** Writes every count this process holds (readers of the refusals chart call it first, and so does shutdown). */
export async function flushRefusalCounts(): Promise<void> {
  while (counts.flushing) await counts.flushing;
  if (counts.pending.size === 0) return;
  const batch = counts.pending;
  counts.pending = new Map();
  counts.flushing = write(batch).finally(() => (counts.flushing = undefined));
  await counts.flushing;
}

async function write(batch: Map<string, number>): Promise<void> {
  const hours: string[] = [], categories: string[] = [], reasons: string[] = [], n: number[] = [];
  for (const [key, count] of batch) {
    const [hour, category, reason] = JSON.parse(key) as [string, string, string];
    hours.push(hour);
    categories.push(category);
    reasons.push(reason);
    n.push(count);
  }
  try {
    await getPool().query(
      `INSERT INTO append_refusals (hour, category, reason, count)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::int[])
       ON CONFLICT (hour, category, reason) DO UPDATE SET count = append_refusals.count + EXCLUDED.count`,
      [hours, categories, reasons, n],
    );
  } catch {
    // The database is away: keep the counts for the next flush rather than lose them.
    for (const [key, count] of batch) counts.pending.set(key, (counts.pending.get(key) ?? 0) + count);
    schedule();
  }
}
