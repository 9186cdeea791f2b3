import "server-only";
import { logTables } from "../source/log-tables";
import type pg from "pg";
import { getPool } from "../db";
import { schemaRegistry } from "../schema/registry";
import type { AnyProjectionDef } from "./projection";

/** A (type, stored version) the projection reads, and the version it would be delivered as. */
export type PreflightRead = { type: string; storedVersion: number; deliveredVersion: number; events: number; accepted: boolean; upcasted: boolean };

export type Preflight = {
  name: string;
  version: number;
  ok: boolean;
  /** The exact (type, stored version) pairs this version cannot read; the rebuild is refused while any remain. */
  offenders: PreflightRead[];
  reads: PreflightRead[];
  /** Events in the projection's categories (a replay reads them all, folding the accepted types). */
  events: number;
  /** 1 when the key spans streams (replayed in log order); otherwise up to MAX_PARTITIONS. */
  maxPartitions: number;
  /** Replay throughput of one partition, measured on this store's earlier rebuilds and drills (events/s), or null. */
  measuredRate: number | null;
  /** Seconds for a replay with 1 partition (divide by the partitions that really run in parallel). */
  estimateSeconds: number | null;
};

export const MAX_PARTITIONS = 16;

/**
 * Checks that a version can replay the store before anything is built: every stored (type,
 * schema version) of a type it reads must reach, as delivered (upcast or stored), a version it
 * accepts. Also sizes the replay and estimates its duration from throughput measured here.
 */
export async function preflight(def: AnyProjectionDef, db: pg.Pool = getPool()): Promise<Preflight> {
  const log = logTables();
  // A source's data carries no Hindsight schema version: its events count as their type's newest (lib/source/attach-payloads.ts).
  const { rows } = log.external
    ? await db.query<{ type: string; schema_version: number; n: number }>("SELECT type, 1 AS schema_version, count(*)::bigint AS n FROM source_events WHERE category = ANY($1::text[]) GROUP BY 1 ORDER BY 1", [def.categories])
    : await db.query<{ type: string; schema_version: number; n: number }>(
        "SELECT type, schema_version, count(*)::bigint AS n FROM events WHERE category = ANY($1::text[]) GROUP BY 1, 2 ORDER BY 1, 2",
        [def.categories],
      );
  if (log.external) for (const r of rows) r.schema_version = schemaRegistry().latestVersion(r.type) ?? 1;
  const accepts = new Map(def.accepts.map((a) => [a.type, new Set(a.versions)]));
  const reads: PreflightRead[] = [];
  let events = 0;
  for (const r of rows) {
    events += r.n;
    const versions = accepts.get(r.type);
    if (!versions) continue;
    const latest = schemaRegistry().latestVersion(r.type);
    const delivered = def.upcast && latest !== undefined && r.schema_version < latest ? latest : r.schema_version;
    reads.push({ type: r.type, storedVersion: r.schema_version, deliveredVersion: delivered, events: r.n, accepted: versions.has(delivered), upcasted: delivered !== r.schema_version });
  }
  const measuredRate = await measuredReplayRate(db);
  return {
    name: def.name,
    version: def.version,
    ok: reads.every((r) => r.accepted),
    offenders: reads.filter((r) => !r.accepted),
    reads,
    events,
    maxPartitions: def.keyFromStreamIdOnly ? MAX_PARTITIONS : 1,
    measuredRate,
    estimateSeconds: measuredRate ? events / measuredRate : null,
  };
}

/** Events per second of one partition over the last finished replays (rebuilds and drills) of any projection. */
export async function measuredReplayRate(db: pg.Pool = getPool()): Promise<number | null> {
  const { rows } = await db.query<{ done: number; seconds: number }>(
    `SELECT coalesce(sum(done), 0)::bigint AS done, coalesce(sum(active_seconds), 0) AS seconds
       FROM (SELECT done, active_seconds FROM projection_partitions
              WHERE status = 'done' AND active_seconds > 0 AND done >= 1000
              ORDER BY finished_at DESC LIMIT 50) recent`,
  );
  const { done, seconds } = rows[0];
  return seconds > 0 ? done / seconds : null;
}
