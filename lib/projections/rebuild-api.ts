import "server-only";
import type { Actor } from "../audit/actor";
import { getPool } from "../db";
import { AppError } from "../errors";
import { countVersionDiff, type DiffCounts } from "./diff-versions";
import { getProjection } from "./get-projection";
import { promoteVersion, rollbackVersion } from "./switch-live-version";

// The pipeline's view of blue/green: `version` is always the projection's code version, a rebuild's id its versionId.

/** The stored build of a code version a pipeline means: the newest one not discarded or failed. 404 when there is none. */
export async function buildOf(name: string, codeVersion: number): Promise<number> {
  const { rows } = await getPool().query<{ id: number }>(
    "SELECT id FROM projection_versions WHERE name = $1 AND code_version = $2 AND kind = 'build' AND status NOT IN ('discarded', 'failed') ORDER BY id DESC LIMIT 1",
    [name, codeVersion],
  );
  if (!rows[0]) throw new AppError("not_found", `${name} v${codeVersion} has no rebuild: start one with POST /api/v1/projections/${name}/rebuilds`);
  return rows[0].id;
}

/** The code version that is live, or null before the first build finished. */
export async function liveCodeVersion(name: string): Promise<number | null> {
  const { rows } = await getPool().query<{ code_version: number }>(
    "SELECT v.code_version FROM projection_live l JOIN projection_versions v ON v.id = l.version_id WHERE l.name = $1",
    [name],
  );
  return rows[0]?.code_version ?? null;
}

export type RebuildStatus = { rebuildId: number; version: number; status: string; progress: number; eventsPerSecond: number | null; etaSeconds: number | null };

/** A rebuild's progress for a pipeline polling it: 0..1 over the replay, then 1 while it catches up and follows. */
export async function getRebuildStatus(name: string, rebuildId: number): Promise<RebuildStatus> {
  const detail = await getProjection(name);
  const v = detail?.versions.find((x) => x.id === rebuildId);
  if (!v) throw new AppError("not_found", `${name} has no rebuild ${rebuildId}`);
  const building = v.status === "building";
  const progress = !building ? 1 : v.replayTotal > 0 ? Math.min(1, v.replayDone / v.replayTotal) : 0;
  return { rebuildId: v.id, version: v.codeVersion, status: v.status, progress, eventsPerSecond: building ? v.replayRate : v.followRate, etaSeconds: building ? v.etaSeconds : 0 };
}

/**
 * Promotes the build of a code version. A pipeline that reviewed the diff sends the counts it saw
 * (`confirmedDiff`) and is refused if they changed; without them, the diff as it stands is promoted.
 */
export async function promoteCodeVersion(opts: { name: string; version: number; confirmedDiff?: DiffCounts; actor: Actor }): Promise<{ liveVersion: number; rebuildId: number }> {
  const id = await buildOf(opts.name, opts.version);
  let confirmedDiff = opts.confirmedDiff;
  if (!confirmedDiff) {
    const { rows } = await getPool().query<{ version_id: number }>("SELECT version_id FROM projection_live WHERE name = $1", [opts.name]);
    confirmedDiff = rows[0] ? await countVersionDiff(getPool(), rows[0].version_id, id) : { added: 0, removed: 0, changed: 0 };
  }
  await promoteVersion({ name: opts.name, versionId: id, actor: opts.actor, confirmedDiff });
  return { liveVersion: opts.version, rebuildId: id };
}

/** Rolls back to the previous version; answers the code version now live. */
export async function rollbackProjection(opts: { name: string; actor: Actor }): Promise<{ liveVersion: number; rebuildId: number }> {
  const { versionId } = await rollbackVersion(opts);
  return { liveVersion: (await liveCodeVersion(opts.name))!, rebuildId: versionId };
}
