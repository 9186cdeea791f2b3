import "server-only";
import { systemActor } from "../../../lib/audit/actor";
import { getPool } from "../../../lib/db";
import { buildInline } from "../../../lib/projections/build-inline";
import { dropRowsPartition } from "../../../lib/projections/rows-table";
import { startRebuild } from "../../../lib/projections/start-rebuild";

/**
 * The demo world's live projections, built from the log as the worker would build them: v1 of
 * account-balances (whose evolve adds withdrawals instead of subtracting them, so its live rows
 * are wrong for every account that ever withdrew; v2 in code is the fix, to rebuild blue/green),
 * v1 of order-totals (v2 in code reads discount codes) and the user directory (PII envelopes as
 * stored). `reset` forgets every version first (the event store was wiped under them).
 */
export async function seedDemoProjections(opts: { log: (line: string) => void; reset?: boolean }): Promise<void> {
  const pool = getPool();
  if (opts.reset) {
    const { rows } = await pool.query<{ id: number }>("SELECT id FROM projection_versions");
    for (const r of rows) await dropRowsPartition(pool, r.id);
    await pool.query("TRUNCATE projection_live, projection_drills, projection_partitions, projection_versions RESTART IDENTITY CASCADE");
  }
  const actor = systemActor("demo", "Demo world");
  for (const name of ["account-balances", "order-totals", "user-directory"]) {
    const existing = await pool.query("SELECT 1 FROM projection_versions WHERE name = $1 AND status <> 'discarded'", [name]);
    if (existing.rowCount) continue;
    const t0 = performance.now();
    const { versionId } = await startRebuild({ name, codeVersion: 1, partitions: name === "user-directory" ? 1 : 2, actor });
    const { events } = await buildInline(versionId);
    opts.log(`projection ${name} v1 built and live: ${events.toLocaleString("en")} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}
