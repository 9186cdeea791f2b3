import "server-only";
import { requireCapability } from "../source/require-capability";
import { getLongWorkPool } from "../db";
import { AppError } from "../errors";
import { getArchiveStore, type ArchiveStore } from "./archive-store";
import { copyHoldSegments } from "./copy-hold-segments";
import { ensureSnapshotsAt } from "./ensure-snapshot";
import { holdsFor, listStandingHolds } from "./standing-holds";
import { archiveSegment, removeColdOrphans, type FaultHook, type StreamRange } from "./write-segment";

export type RunArchivePolicyOptions = {
  category: string;
  trigger?: "schedule" | "manual" | "script";
  store?: ArchiveStore;
  /** Events per segment (default 100 000): one short transaction each. */
  segmentEvents?: number;
  /** Crash tests only: called at each fail point of every segment (lib/testing/archive-faults.ts). */
  faults?: FaultHook;
  log?: (line: string) => void;
};

export type RunArchivePolicyResult = {
  runId: number | null;
  status: "succeeded" | "failed" | "skipped";
  segments: number;
  events: number;
  eventBytes: number;
  bytes: number;
  /** Old enough to go but held back by a standing legal hold. */
  heldBack: number;
  orphans: number;
  error?: string;
};

const DEFAULT_SEGMENT_EVENTS = 100_000;

type Policy = { category: string; older_than_days: number; history_only: boolean };

/**
 * Runs one category's archive policy: copies held events into hold segments, removes orphan
 * objects of crashed runs, then moves every event older than the policy's age that a valid
 * snapshot covers (taking one first where needed; any age for history-only categories) and that
 * no standing legal hold keeps, segment by segment. One run per category at a time (advisory
 * lock); every run is recorded in archive_runs with what it moved or why it failed.
 */
export async function runArchivePolicy(opts: RunArchivePolicyOptions): Promise<RunArchivePolicyResult> {
  requireCapability("archive");
  // Planning and copying a category's old events may outrun an ordinary session's statement timeout.
  const pool = getLongWorkPool();
  const store = opts.store ?? getArchiveStore();
  const policy = (await pool.query<Policy>("SELECT category, older_than_days, history_only FROM archive_policies WHERE category = $1", [opts.category])).rows[0];
  if (!policy) throw new AppError("not_found", `there is no archive policy for category ${opts.category}`);

  const result: RunArchivePolicyResult = { runId: null, status: "succeeded", segments: 0, events: 0, eventBytes: 0, bytes: 0, heldBack: 0, orphans: 0 };
  const lock = await pool.connect();
  try {
    const got = await lock.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [`hindsight.archive:${policy.category}`]);
    if (!got.rows[0].ok) return { ...result, status: "skipped" };
    // Holding the lock, no other run of this category is alive: a "running" row is one whose worker died.
    await pool.query(
      "UPDATE archive_runs SET status = 'failed', finished_at = now(), error = 'interrupted: the worker stopped during the run (nothing was lost; this run retries it)' WHERE category = $1 AND status = 'running'",
      [policy.category],
    );
    const run = await pool.query<{ id: number }>("INSERT INTO archive_runs (category, trigger, status) VALUES ($1, $2, 'running') RETURNING id", [policy.category, opts.trigger ?? "manual"]);
    result.runId = run.rows[0].id;
    try {
      let mark = performance.now();
      await copyHoldSegments({ store });
      result.orphans = await removeColdOrphans(store, policy.category);
      const plan = await planRanges(policy);
      opts.log?.(`${policy.category}: holds, orphans and plan in ${Math.round(performance.now() - mark)} ms: ${plan.ranges.length} stream range(s)`);
      mark = performance.now();
      result.heldBack = plan.heldBack;
      for (const ranges of chunk(plan.ranges, opts.segmentEvents ?? DEFAULT_SEGMENT_EVENTS)) {
        const seg = await archiveSegment({ db: pool, store, category: policy.category, ranges, faults: opts.faults });
        result.segments++;
        result.events += seg.events;
        result.eventBytes += seg.eventBytes;
        result.bytes += seg.bytes;
        const t = seg.timings;
        opts.log?.(`${policy.category}: segment ${seg.key} (${seg.events} events; select ${t.select} ms, encode ${t.encode} ms, write+verify ${t.writeVerify} ms, commit ${t.commit} ms)`);
      }
    } catch (e) {
      result.status = "failed";
      result.error = (e as Error).message;
    }
    await pool.query(
      `UPDATE archive_runs SET status = $2, finished_at = now(), segments = $3, events = $4, event_bytes = $5, bytes = $6, held_back = $7, orphans = $8, error = $9 WHERE id = $1`,
      [result.runId, result.status, result.segments, result.events, result.eventBytes, result.bytes, result.heldBack, result.orphans, result.error ?? null],
    );
    return result;
  } finally {
    await lock.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [`hindsight.archive:${policy.category}`]).catch(() => undefined);
    lock.release();
  }
}

/** The version ranges a policy may move now, per stream, and how many old events holds keep. */
async function planRanges(policy: Policy): Promise<{ ranges: StreamRange[]; heldBack: number }> {
  const pool = getLongWorkPool();
  const { rows } = await pool.query<{ stream_id: string; archived_through: number; old_through: number }>(
    `SELECT s.stream_id, s.archived_through, o.v AS old_through
       FROM (SELECT stream_id, max(stream_version) AS v FROM events
              WHERE category = $1 AND recorded_at < now() - make_interval(days => $2) GROUP BY stream_id) o
       JOIN streams s ON s.stream_id = o.stream_id
      WHERE o.v > s.archived_through ORDER BY s.stream_id`,
    [policy.category, policy.older_than_days],
  );
  const holds = holdsFor(policy.category, await listStandingHolds());
  const caps = new Map<string, number>();
  if (holds.subjects.length > 0) {
    const first = await pool.query<{ stream_id: string; v: number }>(
      "SELECT stream_id, min(stream_version) AS v FROM events WHERE category = $1 AND subjects && $2::text[] GROUP BY stream_id",
      [policy.category, holds.subjects],
    );
    for (const r of first.rows) caps.set(r.stream_id, r.v - 1);
  }
  let heldBack = 0;
  const targets = new Map<string, number>();
  for (const r of rows) {
    let through = r.old_through;
    if (holds.category || holds.streams.has(r.stream_id)) through = r.archived_through;
    else if (caps.has(r.stream_id)) through = Math.min(through, caps.get(r.stream_id)!);
    heldBack += r.old_through - Math.max(through, r.archived_through);
    if (through > r.archived_through) targets.set(r.stream_id, through);
  }
  const covered = policy.history_only || targets.size === 0 ? targets : await ensureSnapshotsAt(policy.category, targets);
  const ranges = rows
    .filter((r) => targets.has(r.stream_id))
    .map((r) => ({ streamId: r.stream_id, after: r.archived_through, through: Math.min(targets.get(r.stream_id)!, covered.get(r.stream_id) ?? r.archived_through) }))
    .filter((r) => r.through > r.after);
  return { ranges, heldBack };
}

/** Splits ranges into segments of at most `max` events, cutting a long stream where needed. */
export function chunk(ranges: StreamRange[], max: number): StreamRange[][] {
  const out: StreamRange[][] = [];
  let current: StreamRange[] = [];
  let size = 0;
  for (const range of ranges) {
    let after = range.after;
    while (after < range.through) {
      const take = Math.min(range.through - after, max - size);
      current.push({ streamId: range.streamId, after, through: after + take });
      after += take;
      size += take;
      if (size >= max) {
        out.push(current);
        current = [];
        size = 0;
      }
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}
