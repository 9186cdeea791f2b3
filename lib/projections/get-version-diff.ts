import "server-only";
import { getPool } from "../db";
import type { PiiMode } from "../schema/pii";
import { diffVersions, type DiffKind, type VersionDiff } from "./diff-versions";
import { projectionRegistry } from "./registry";

export type GetVersionDiffOptions = { name: string; greenId?: number; kind?: DiffKind; keyPrefix?: string; limit?: number; pii: PiiMode };

/**
 * The diff the detail page shows: a green version (by default the newest build that has finished
 * replaying, else the previous version) against the live one, with PII rendered for the caller.
 * null when there is nothing to compare; undefined for an unknown projection.
 */
export async function getVersionDiff(opts: GetVersionDiffOptions): Promise<VersionDiff | null | undefined> {
  if (!projectionRegistry().latest(opts.name)) return undefined;
  const { rows } = await getPool().query<{ live: number | null; green: number | null }>(
    `SELECT (SELECT version_id FROM projection_live WHERE name = $1) AS live,
            (SELECT id FROM projection_versions WHERE name = $1 AND kind = 'build' AND ($2::bigint IS NULL OR id = $2)
                AND status IN ('catching_up', 'previous')
              ORDER BY (status = 'catching_up') DESC, id DESC LIMIT 1) AS green`,
    [opts.name, opts.greenId ?? null],
  );
  const { live, green } = rows[0];
  if (!live || !green || live === green) return null;
  return diffVersions({ blueId: live, greenId: green, kind: opts.kind ?? null, keyPrefix: opts.keyPrefix ?? null, limit: opts.limit, pii: opts.pii });
}
