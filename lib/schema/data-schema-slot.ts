import type pg from "pg";
import type { EventTypeDef } from "./registry";

/** The data-registered types a process holds (filled by data-schemas.ts, read by the registry). */
export type DataSchemaState = { generation: number; defs: Map<string, EventTypeDef>; loaded?: Promise<void>; listener?: Promise<pg.PoolClient> };

// On globalThis: the web server's bundles and a worker's modules share one cache per process.
const SLOT = Symbol.for("hindsight.dataSchemas");

/** This process's data-registered types (empty until loaded); plain code, so the registry needs no database import. */
export function dataSchemaSlot(): DataSchemaState {
  const g = globalThis as { [SLOT]?: DataSchemaState };
  return (g[SLOT] ??= { generation: 0, defs: new Map() });
}
