import "server-only";
import type { Actor } from "../audit/actor";
import { getPool } from "../db";
import { AppError } from "../errors";
import { projectionRegistry } from "./registry";
import { startRebuild, type StartedRebuild } from "./start-rebuild";

/**
 * A recovery drill: rebuilds the live version's code into a scratch version, timed from start to
 * caught up, then discarded by the projection loop. Its duration is the real time to recover.
 */
export async function startDrill(opts: { name: string; partitions: number; actor: Actor }): Promise<StartedRebuild> {
  const { rows } = await getPool().query<{ code_version: number }>(
    "SELECT v.code_version FROM projection_live l JOIN projection_versions v ON v.id = l.version_id WHERE l.name = $1",
    [opts.name],
  );
  const codeVersion = rows[0]?.code_version ?? projectionRegistry().latest(opts.name)?.version;
  if (codeVersion === undefined) throw new AppError("not_found", `there is no projection ${opts.name}`);
  const running = await getPool().query("SELECT 1 FROM projection_drills WHERE name = $1 AND status = 'running'", [opts.name]);
  if (running.rowCount) throw new AppError("conflict", `a drill of ${opts.name} is already running`);
  return startRebuild({ name: opts.name, codeVersion, partitions: opts.partitions, actor: opts.actor, kind: "drill" });
}
