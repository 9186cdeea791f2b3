import "server-only";
import type pg from "pg";
import { getPool } from "../db";
import { versionLag } from "./get-projection";
import { projectionRegistry } from "./registry";

type VersionLabels = { name: string; codeVersion: number; versionId: number; kind: "build" | "drill"; status: string };
export type VersionLagMetric = VersionLabels & { events: number; seconds: number };
export type RebuildProgressMetric = VersionLabels & { done: number; total: number; fraction: number };

/**
 * What /api/metrics publishes about projections: the lag of every version that follows the log
 * (as the Projections page computes it: pending events counted up to a cap, age of the oldest),
 * and the replay progress of every version still building (sum of its partitions).
 */
export async function projectionMetrics(db: pg.Pool = getPool()): Promise<{ lag: VersionLagMetric[]; rebuilds: RebuildProgressMetric[] }> {
  const { rows } = await db.query<{
    id: number; name: string; code_version: number; kind: "build" | "drill"; status: string; tx_id: string; global_position: number; done: number | null; total: number | null;
  }>(
    `SELECT v.id, v.name, v.code_version, v.kind, v.status, v.tx_id::text AS tx_id, v.global_position, p.done, p.total
       FROM projection_versions v
       LEFT JOIN LATERAL (SELECT sum(done)::bigint AS done, sum(total)::bigint AS total FROM projection_partitions WHERE version_id = v.id) p ON v.status = 'building'
      WHERE v.status IN ('building', 'catching_up', 'live', 'previous') ORDER BY v.name, v.id`,
  );
  const lag: VersionLagMetric[] = [];
  const rebuilds: RebuildProgressMetric[] = [];
  for (const r of rows) {
    const labels = { name: r.name, codeVersion: r.code_version, versionId: r.id, kind: r.kind, status: r.status };
    if (r.status === "building") {
      const done = r.done ?? 0;
      const total = r.total ?? 0;
      rebuilds.push({ ...labels, done, total, fraction: total > 0 ? Math.min(1, done / total) : 1 });
      continue;
    }
    const def = projectionRegistry().find(r.name, r.code_version);
    if (!def) continue; // a version whose code is gone cannot be followed; the page shows it
    lag.push({ ...labels, ...(await versionLag(db, def.categories, r.tx_id, r.global_position)) });
  }
  return { lag, rebuilds };
}
