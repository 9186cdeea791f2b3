import "server-only";
import type pg from "pg";
import type { ScanProgress } from "./erasure-scanner";

/** Records what a job is doing (shown as a progress bar); writes at most every 250 ms per phase. */
export function progressReporter(db: pg.Pool, requestId: string, phase: string): ScanProgress & { flush(): Promise<void> } {
  let last = 0;
  let pending: Promise<unknown> = Promise.resolve();
  let latest: [number, number | null] = [0, null];
  const write = () => {
    const [done, total] = latest;
    pending = pending.then(() =>
      db.query("UPDATE erasure_requests SET progress = $2 WHERE id = $1", [requestId, JSON.stringify({ phase, done, total, at: new Date().toISOString() })]),
    ).catch(() => undefined);
  };
  const report = ((done: number, total: number | null) => {
    latest = [done, total];
    if (Date.now() - last < 250) return;
    last = Date.now();
    write();
  }) as ScanProgress & { flush(): Promise<void> };
  report.flush = async () => {
    write();
    await pending;
  };
  return report;
}
