import "server-only";
import type pg from "pg";
import type { JsonObject } from "../schema/registry";

/** The partition of projection_rows that holds one version's rows (ids are integers: a safe identifier). */
export function rowsPartition(versionId: number): string {
  if (!Number.isSafeInteger(versionId) || versionId <= 0) throw new Error(`not a projection version id: ${versionId}`);
  return `projection_rows_v${versionId}`;
}

/** Creates a version's rows partition through the owner's SECURITY DEFINER function (the app has no DDL). */
export async function createRowsPartition(client: pg.ClientBase, versionId: number): Promise<void> {
  rowsPartition(versionId);
  await client.query("SELECT hs_create_rows_partition($1::bigint)", [versionId]);
}

/** Discarding a version is a DROP of its partition (by the owner's function): no long DELETE holding back log readers. */
export async function dropRowsPartition(client: pg.ClientBase | pg.Pool, versionId: number): Promise<void> {
  rowsPartition(versionId);
  await client.query("SELECT hs_drop_rows_partition($1::bigint)", [versionId]);
}

/** The stored states of some keys (missing keys are absent from the map). */
export async function loadStates(client: pg.ClientBase, versionId: number, keys: string[]): Promise<Map<string, JsonObject>> {
  const states = new Map<string, JsonObject>();
  if (!keys.length) return states;
  const { rows } = await client.query<{ key: string; state: JsonObject }>(
    `SELECT key, state FROM ${rowsPartition(versionId)} WHERE key = ANY($1::text[])`,
    [keys],
  );
  for (const r of rows) states.set(r.key, r.state);
  return states;
}

/** Upserts the states of the given keys in one statement. */
export async function writeStates(client: pg.ClientBase, versionId: number, keys: Iterable<string>, states: Map<string, JsonObject>): Promise<void> {
  const ks: string[] = [];
  const vs: string[] = [];
  for (const k of keys) {
    ks.push(k);
    vs.push(JSON.stringify(states.get(k)));
  }
  if (!ks.length) return;
  await client.query(
    `INSERT INTO ${rowsPartition(versionId)} (version_id, key, state)
     SELECT $1::bigint, k, s::jsonb FROM unnest($2::text[], $3::text[]) AS t(k, s)
     ON CONFLICT (version_id, key) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
    [versionId, ks, vs],
  );
}
