import "server-only";
import { logTables } from "../source/log-tables";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../audit/actor";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { prismaOn } from "../prisma-on";
import { MAX_PARTITIONS, preflight } from "./preflight";
import { projectionRegistry } from "./registry";
import { createRowsPartition } from "./rows-table";

export type StartRebuildOptions = {
  name: string;
  codeVersion: number;
  partitions: number;
  actor: Actor;
  /** "drill": a timed rebuild into a scratch version, discarded when it has caught up. */
  kind?: "build" | "drill";
};

export type StartedRebuild = { versionId: number; partitions: number; events: number };

const HASH_SPAN = 2n ** 32n;
const HASH_MIN = -(2n ** 31n);

/** The stream_hash ranges of P partitions: equal slices of the int4 range, inclusive bounds. */
export function hashRanges(partitions: number): { from: number; to: number }[] {
  const P = BigInt(partitions);
  const start = (i: bigint) => HASH_MIN + (i * HASH_SPAN + P - 1n) / P; // ceil(i·2^32/P)
  return Array.from({ length: partitions }, (_, i) => ({ from: Number(start(BigInt(i))), to: Number(start(BigInt(i) + 1n) - 1n) }));
}

/**
 * Starts a rebuild (green beside blue): runs the preflight, records the horizon (every event of a
 * transaction older than all running ones is replayed; the rest is followed afterwards), creates
 * the version's rows partition and its replay partitions. The worker's projection loop sends one
 * pg-boss job per partition.
 */
export async function startRebuild(opts: StartRebuildOptions): Promise<StartedRebuild> {
  const def = projectionRegistry().find(opts.name, opts.codeVersion);
  if (!def) throw new AppError("not_found", `projection ${opts.name} v${opts.codeVersion} is not in the code`);
  const check = await preflight(def);
  if (!check.ok) {
    const list = check.offenders.map((o) => `${o.type} v${o.storedVersion}`).join(", ");
    throw new AppError("validation_failed", `${def.name} v${def.version} cannot read ${list}: the rebuild is refused`, { offenders: check.offenders });
  }
  const kind = opts.kind ?? "build";
  const partitions = def.keyFromStreamIdOnly ? Math.min(Math.max(Math.trunc(opts.partitions) || 1, 1), MAX_PARTITIONS) : 1;
  return inTransaction(async (client) => {
    if (kind === "build") {
      const taken = await client.query(
        "SELECT id FROM projection_versions WHERE name = $1 AND code_version = $2 AND kind = 'build' AND status NOT IN ('discarded', 'failed')",
        [def.name, def.version],
      );
      if (taken.rowCount) throw new AppError("conflict", `${def.name} v${def.version} is already built or building: discard it first`);
    }
    const { rows } = await client.query<{ id: number; horizon: string }>(
      `INSERT INTO projection_versions (name, code_version, kind, status, horizon_tx, tx_id, catch_up_tx, partitions, created_by)
       SELECT $1, $2, $3, 'building', h, h, (SELECT max(tx_id) FROM ${logTables().events}), $4, $5 FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS h) s
       RETURNING id, horizon_tx::text AS horizon`,
      [def.name, def.version, kind, partitions, opts.actor.id],
    );
    const { id, horizon } = rows[0];
    await createRowsPartition(client, id);
    const counts = await client.query<{ p: number; n: number }>(
      `SELECT ((stream_hash::bigint + 2147483648) * $3::bigint / 4294967296)::int AS p, count(*)::bigint AS n
         FROM ${logTables().events} WHERE category = ANY($1::text[]) AND tx_id < $2::xid8 GROUP BY 1`,
      [def.categories, horizon, partitions],
    );
    const total = new Map(counts.rows.map((r) => [r.p, r.n]));
    const ranges = hashRanges(partitions);
    // Over a source the index is walked per stream in log order (its versions may have gaps the index never saw).
  const ordering = !def.keyFromStreamIdOnly ? "log" : logTables().external ? "stream" : "version";
    await client.query(
      `INSERT INTO projection_partitions (version_id, partition, hash_from, hash_to, ordering, total)
       SELECT $1, i - 1, f, t, $2, n FROM unnest($3::int[], $4::int[], $5::bigint[]) WITH ORDINALITY AS u(f, t, n, i)`,
      [id, ordering, ranges.map((r) => r.from), ranges.map((r) => r.to), ranges.map((_, i) => total.get(i) ?? 0)],
    );
    const events = [...total.values()].reduce((a, b) => a + b, 0);
    await client.query("UPDATE projection_versions SET replay_total = $2 WHERE id = $1", [id, events]);
    if (kind === "drill") {
      await prismaOn(client).projectionDrill.create({ data: { name: def.name, codeVersion: def.version, versionId: BigInt(id), partitions, startedBy: opts.actor.id } });
    }
    await appendAudit(client, {
      actor: opts.actor,
      action: kind === "drill" ? "projection.drill_started" : "projection.rebuild_started",
      target: `projection:${def.name}`,
      details: { versionId: id, codeVersion: def.version, partitions, events },
    });
    return { versionId: id, partitions, events };
  });
}
