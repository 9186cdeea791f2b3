import type { AppendOptions, AppendResult } from "../../../lib/store/append-to-stream";
import type { DemoTask } from "./demo-task";

export type RunDemoTasksOptions = {
  tasks: DemoTask[];
  total: number;
  /** Appends in flight at once. */
  concurrency: number;
  append: (opts: AppendOptions) => Promise<AppendResult>;
  log?: (line: string) => void;
  /** Milliseconds between progress lines. */
  progressEvery?: number;
};

/**
 * Runs tasks through a small pool: each worker takes the next task and performs its appends in
 * order, so one stream's (or one user's) appends never overtake each other while independent
 * streams load side by side. The first failure stops every worker and is rethrown.
 */
export async function runDemoTasks(opts: RunDemoTasksOptions): Promise<{ events: number; seconds: number }> {
  const started = performance.now();
  let next = 0;
  let done = 0;
  let failed: unknown;
  let lastLog = started;
  const every = opts.progressEvery ?? 2_000;

  const report = (force = false) => {
    const now = performance.now();
    if (!force && now - lastLog < every) return;
    lastLog = now;
    const seconds = (now - started) / 1000;
    const pct = opts.total > 0 ? Math.floor((done / opts.total) * 100) : 100;
    opts.log?.(`seeded ${fmt(done)} / ${fmt(opts.total)} events (${pct}%), ${fmt(Math.round(done / Math.max(seconds, 0.001)))} events/s`);
  };

  const worker = async () => {
    while (failed === undefined && next < opts.tasks.length) {
      const task = opts.tasks[next++];
      try {
        for (const append of task.appends()) {
          if (failed !== undefined) return;
          await opts.append(append);
          done += append.events.length;
          report();
        }
      } catch (e) {
        failed ??= new Error(`seeding ${task.key} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
  if (failed !== undefined) throw failed;
  report(true);
  return { events: done, seconds: (performance.now() - started) / 1000 };
}

function fmt(n: number): string {
  return n.toLocaleString("en").replace(/,/g, " ");
}
