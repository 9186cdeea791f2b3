import "server-only";
import type pg from "pg";
import { getPool, onCloseDb } from "../db";
import { dataSchemaSlot, type DataSchemaState } from "./data-schema-slot";
import { dataTypeDef, type DataSchemaRow } from "./data-types";
import type { EventTypeDef } from "./registry";

export const DATA_SCHEMAS_CHANNEL = "hindsight_data_schemas";

type State = DataSchemaState;
const state = dataSchemaSlot;

/**
 * Types an append looked up and found unregistered, with when: the next append of the same type
 * within this window asks the table no more (NOTIFY covers registrations; this bounds a lost one).
 */
const ABSENT_FOR_MS = 1_000;
const absentSince = new Map<string, number>();

/** Reloads every data-registered type (after a registration here, or a NOTIFY from elsewhere). */
export async function reloadDataSchemas(db: pg.Pool | pg.PoolClient = getPool()): Promise<void> {
  const { rows } = await db.query<DataSchemaRow>("SELECT type, version, schema, upcast, description FROM data_schemas ORDER BY type, version");
  const byType = new Map<string, DataSchemaRow[]>();
  for (const r of rows) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  const defs = new Map<string, EventTypeDef>();
  for (const [type, versions] of byType) {
    try {
      defs.set(type, dataTypeDef(versions));
    } catch (e) {
      // A stored schema this build cannot compile stays out of the registry (its events read as unregistered) rather than stopping every read.
      console.error(`[schemas] data-registered type ${type} does not compile: ${(e as Error).message}`);
    }
  }
  const s = state();
  s.defs = defs;
  s.generation++;
  absentSince.clear();
}

/** Loads the data-registered types once per process and keeps them fresh through NOTIFY. */
export async function ensureDataSchemas(): Promise<void> {
  const s = state();
  listen(s);
  s.loaded ??= reloadDataSchemas().catch((e) => {
    s.loaded = undefined;
    throw e;
  });
  await s.loaded;
}

/**
 * Before an append: makes sure every type the batch names that code does not know is current,
 * asking the database on a miss, so a type registered a moment ago in another process is validated
 * and sealed, never stored as unregistered.
 */
export async function primeDataSchemas(wanted: { type: string; version?: number }[], inCode: (type: string) => boolean): Promise<void> {
  await ensureDataSchemas();
  const s = state();
  const now = Date.now();
  const misses = wanted.filter((w) => !inCode(w.type) && (!s.defs.has(w.type) || (w.version !== undefined && w.version > s.defs.get(w.type)!.versions.length)));
  // Unregistered types are common and appends are hot: one look at the table per type and window, not one per append.
  const types = [...new Set(misses.map((m) => m.type))].filter((t) => !(now - (absentSince.get(t) ?? -Infinity) < ABSENT_FOR_MS));
  if (!types.length) return;
  const { rowCount } = await getPool().query("SELECT 1 FROM data_schemas WHERE type = ANY($1) LIMIT 1", [types]);
  if (rowCount) await reloadDataSchemas();
  else for (const t of types) absentSince.set(t, now);
}

function listen(s: State): void {
  if (s.listener) return;
  s.listener = (async () => {
    const client = await getPool().connect();
    client.on("notification", (msg) => {
      if (msg.channel === DATA_SCHEMAS_CHANNEL) reloadDataSchemas().catch((e) => console.error(`[schemas] reload failed: ${(e as Error).message}`));
    });
    client.on("error", () => (s.listener = undefined));
    await client.query(`LISTEN ${DATA_SCHEMAS_CHANNEL}`);
    onCloseDb(async () => {
      s.listener = undefined;
      s.loaded = undefined;
      client.release(true);
    });
    return client;
  })();
  s.listener.catch(() => (s.listener = undefined));
}
