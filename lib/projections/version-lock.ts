import "server-only";
import type pg from "pg";
import { AppError } from "../errors";

export type LockedVersion = {
  id: number;
  name: string;
  code_version: number;
  kind: "build" | "drill";
  status: string;
  paused: boolean;
  caught_up_at: string | null;
  parked_event_id: string | null;
  tx_id: string;
  global_position: number;
};

/** Reads and locks a version of the named projection for a lifecycle change, or 404s. */
export async function lockVersion(client: pg.ClientBase, name: string, versionId: number): Promise<LockedVersion> {
  const { rows } = await client.query<LockedVersion>(
    `SELECT id, name, code_version, kind, status, paused, caught_up_at, parked_event_id, tx_id::text AS tx_id, global_position
       FROM projection_versions WHERE id = $1 AND name = $2 FOR UPDATE`,
    [versionId, name],
  );
  if (!rows[0]) throw new AppError("not_found", `projection ${name} has no version #${versionId}`);
  return rows[0];
}
