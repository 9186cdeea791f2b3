import "server-only";
import type pg from "pg";
import { getPool } from "../db";
import type { PiiMode } from "../schema/pii";
import type { JsonObject } from "../schema/registry";
import { diffStates, type StateChange } from "../stream-state/diff-states";
import { viewRowStates } from "./row-view";
import { rowsPartition } from "./rows-table";

export type DiffKind = "added" | "removed" | "changed";
export type DiffCounts = { added: number; removed: number; changed: number };

export type KeyDiff = { key: string; kind: DiffKind; blue: JsonObject | null; green: JsonObject | null; changes: StateChange[] };

export type VersionDiff = { blueId: number; greenId: number; counts: DiffCounts; rows: KeyDiff[]; kind: DiffKind | null; keyPrefix: string | null; limit: number };

// Full outer join on key over the two versions' partitions: only keys that differ come out.
const joined = (blue: number, green: number) => `
  FROM ${rowsPartition(blue)} b FULL OUTER JOIN ${rowsPartition(green)} g ON g.key = b.key
 WHERE b.key IS NULL OR g.key IS NULL OR b.state IS DISTINCT FROM g.state`;
const KIND = "CASE WHEN b.key IS NULL THEN 'added' WHEN g.key IS NULL THEN 'removed' ELSE 'changed' END";

/** How many keys green adds, removes and changes compared with blue. */
export async function countVersionDiff(db: pg.ClientBase | pg.Pool, blueId: number, greenId: number): Promise<DiffCounts> {
  const { rows } = await db.query<{ kind: DiffKind; n: number }>(`SELECT ${KIND} AS kind, count(*)::bigint AS n ${joined(blueId, greenId)} GROUP BY 1`);
  const counts: DiffCounts = { added: 0, removed: 0, changed: 0 };
  for (const r of rows) counts[r.kind] = r.n;
  return counts;
}

export type DiffVersionsOptions = { blueId: number; greenId: number; kind?: DiffKind | null; keyPrefix?: string | null; limit?: number; pii: PiiMode };

/**
 * Green against blue: counts, and a sample of differing keys (filtered by kind and key prefix) with
 * field-level changes. Changes are found on the stored states (an envelope compares whole), then
 * states and changed values are rendered for the caller's PII mode.
 */
export async function diffVersions(opts: DiffVersionsOptions, db: pg.Pool = getPool()): Promise<VersionDiff> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const counts = await countVersionDiff(db, opts.blueId, opts.greenId);
  const { rows } = await db.query<{ key: string; kind: DiffKind; blue: JsonObject | null; green: JsonObject | null }>(
    `SELECT * FROM (SELECT coalesce(b.key, g.key) AS key, ${KIND} AS kind, b.state AS blue, g.state AS green ${joined(opts.blueId, opts.greenId)}) d
      WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR starts_with(key, $2))
      ORDER BY key LIMIT $3`,
    [opts.kind ?? null, opts.keyPrefix || null, limit],
  );
  return {
    blueId: opts.blueId,
    greenId: opts.greenId,
    counts,
    rows: await viewRowStates(
      rows.map((r): KeyDiff => ({ ...r, changes: diffStates(r.blue ?? {}, r.green ?? {}) })),
      opts.pii,
    ),
    kind: opts.kind ?? null,
    keyPrefix: opts.keyPrefix || null,
    limit,
  };
}
