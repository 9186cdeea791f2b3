import "server-only";
import { logTables } from "../source/log-tables";
import { getPool } from "../db";
import { followBatch } from "./follow-version";
import { replayPartition } from "./replay-partition";
import { StateCache } from "./state-cache";

/**
 * Runs a rebuild to the end in this process: every partition replayed (side by side), then the
 * log followed until the version has caught up. For the demo seed, scripts and tests; the worker
 * does the same through pg-boss jobs and its projection loop.
 */
export async function buildInline(versionId: number, opts: { batchSize?: number } = {}): Promise<{ events: number }> {
  const { rows } = await getPool().query<{ partition: number }>("SELECT partition FROM projection_partitions WHERE version_id = $1 ORDER BY partition", [versionId]);
  const results = await Promise.all(rows.map((r) => replayPartition({ versionId, partition: r.partition, batchSize: opts.batchSize })));
  let events = results.reduce((n, r) => n + r.events, 0);
  events += await followUntilCaughtUp(versionId);
  return { events };
}

/**
 * Follows the log with one version until it has read every event committed before the call (or
 * is parked, or `waitMs` has passed). Readers are gap-safe: a transaction still running anywhere
 * in the cluster holds back what committed after it began, so this waits for it to end.
 */
export async function followUntilCaughtUp(versionId: number, waitMs = 60_000): Promise<number> {
  const client = await getPool().connect();
  const cache = new StateCache();
  let events = 0;
  const deadline = Date.now() + waitMs;
  try {
    const { rows } = await client.query<{ tx: string | null }>(`SELECT max(tx_id)::text AS tx FROM ${logTables().events}`);
    const target = rows[0].tx;
    for (;;) {
      // Checked before the batch: an empty batch that began once every target event was readable
      // proves the version has folded them all. Checked after it, a transaction ending in between
      // would make an empty batch look final while its events were still unread.
      const readable = target ? (await client.query<{ ok: boolean }>("SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS ok", [target])).rows[0].ok : true;
      const batch = await followBatch(client, versionId, cache);
      events += batch.events;
      if (batch.parked || batch.notFollowing) return events;
      if (batch.events === 0 && batch.caughtUp && readable) return events;
      if (Date.now() > deadline) return events;
      if (batch.events === 0) await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    client.release();
  }
}
