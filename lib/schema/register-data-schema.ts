import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "../audit/actor";
import { appendAudit } from "../audit/append-audit";
import { currentDomain } from "../domain/current-domain";
import { inTransaction } from "../db-transaction";
import { AppError } from "../errors";
import { canonicalJson } from "../json";
import { DATA_SCHEMAS_CHANNEL, reloadDataSchemas } from "./data-schemas";
import { dataTypeDef, type DataSchemaRow } from "./data-types";
import { isEnvelope } from "./envelope";
import { compileDataSchema } from "./json-schema";
import { parseUpcast, type UpcastOp } from "./patch-upcast";
import { SchemaRegistry, type JsonObject } from "./registry";
import { structuralBreaks } from "./schema-compatibility";

export type RegisterDataSchemaOptions = { type: string; version: number; schema: unknown; upcast?: unknown; description?: string; actor: Actor };
export type RegisteredDataSchema = {
  type: string;
  version: number;
  status: "created" | "replaced" | "unchanged";
  piiFields: string[];
  subjectField: string | null;
  /** Stored events of older versions replayed through the upcasts and validated against this version. */
  eventsChecked: number;
};

const TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,199}$/;
/** How many stored events of older versions a registration replays (the newest first). */
const REPLAY_LIMIT = 10_000;

/**
 * Registers (or, while it has no events, replaces) version n of a type as JSON Schema. Version n
 * must follow n-1; every older version must reach it: the schemas' structural differences must be
 * covered by the upcast, and the stored events of older versions, upcast, must validate against
 * the new schema. 409 `schema_incompatible` with the reasons otherwise. Audited with the change.
 */
export async function registerDataSchema(opts: RegisterDataSchemaOptions): Promise<RegisteredDataSchema> {
  if (!TYPE.test(opts.type)) throw new AppError("validation_failed", "type: a letter, then letters, digits, '_', '.', ':' or '-' (at most 200)");
  if (!Number.isInteger(opts.version) || opts.version < 1 || opts.version > 10_000) throw new AppError("validation_failed", "version must be a whole number from 1");
  if (currentDomain().eventTypes.some((t) => t.type === opts.type)) {
    throw new AppError("conflict", `${opts.type} is registered in code by the ${currentDomain().name} domain; change it there`);
  }
  const compiled = compileDataSchema(opts.schema);
  const upcast = opts.upcast === undefined ? null : parseUpcast(opts.upcast);
  if (upcast && opts.version === 1) throw new AppError("validation_failed", "version 1 has nothing to upcast from: leave upcast out");
  const row: DataSchemaRow = { type: opts.type, version: opts.version, schema: opts.schema as JsonObject, upcast, description: opts.description ?? "" };

  const result = await inTransaction(async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('hindsight.data_schema:' || $1))", [opts.type]);
    const { rows } = await client.query<DataSchemaRow>("SELECT type, version, schema, upcast, description FROM data_schemas WHERE type = $1 ORDER BY version", [opts.type]);
    const latest = rows.length;
    if (opts.version > latest + 1) throw new AppError("validation_failed", `register version ${latest + 1} of ${opts.type} first (it has ${latest ? `versions 1 to ${latest}` : "none"})`);
    const existing = rows[opts.version - 1];
    if (existing) {
      if (canonicalJson([existing.schema, existing.upcast, existing.description]) === canonicalJson([row.schema, row.upcast, row.description])) return { status: "unchanged" as const, eventsChecked: 0 };
      if (opts.version < latest) throw new AppError("schema_immutable", `version ${opts.version} of ${opts.type} has a later version; register version ${latest + 1} instead`);
      const used = await client.query("SELECT 1 FROM events WHERE type = $1 AND schema_version = $2 LIMIT 1", [opts.type, opts.version]);
      if (used.rowCount) throw new AppError("schema_immutable", `version ${opts.version} of ${opts.type} has events and cannot change; register version ${latest + 1}`);
    }
    const chain = [...rows.slice(0, opts.version - 1), row];
    const reasons = opts.version > 1 ? structuralBreaks(chain[opts.version - 2].schema, row.schema, upcast ?? [], { from: opts.version - 1, to: opts.version }) : [];
    const replay = await replayStored(client, chain, compiled.validate);
    reasons.push(...replay.reasons);
    if (reasons.length) throw new AppError("schema_incompatible", `version ${opts.version} of ${opts.type} cannot be reached from the versions before it`, { reasons, failures: replay.failures });

    await client.query(
      `INSERT INTO data_schemas (type, version, schema, upcast, description, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (type, version) DO UPDATE SET schema = EXCLUDED.schema, upcast = EXCLUDED.upcast, description = EXCLUDED.description, updated_at = now()`,
      [opts.type, opts.version, JSON.stringify(row.schema), upcast ? JSON.stringify(upcast) : null, row.description, opts.actor.id],
    );
    const status = existing ? ("replaced" as const) : ("created" as const);
    await appendAudit(client, {
      actor: opts.actor,
      action: existing ? "schema.replaced" : "schema.registered",
      target: `schema:${opts.type}@v${opts.version}`,
      details: { sha256: createHash("sha256").update(canonicalJson([row.schema, row.upcast])).digest("hex"), piiFields: compiled.piiPaths, subjectField: compiled.subjectPath, upcastOps: upcast?.length ?? 0, eventsChecked: replay.checked },
    });
    await client.query("SELECT pg_notify($1, $2)", [DATA_SCHEMAS_CHANNEL, opts.type]);
    return { status, eventsChecked: replay.checked };
  });
  if (result.status !== "unchanged") await reloadDataSchemas();
  return { type: opts.type, version: opts.version, ...result, piiFields: compiled.piiPaths, subjectField: compiled.subjectPath };
}

/** Replays stored events of this and older versions through the upcasts and validates them (PII envelopes stand for any value). */
async function replayStored(
  client: import("pg").PoolClient,
  chain: DataSchemaRow[],
  validate: ReturnType<typeof compileDataSchema>["validate"],
): Promise<{ checked: number; reasons: string[]; failures: { eventId: string; storedVersion: number; errors: string[] }[] }> {
  const target = chain.length;
  const { rows } = await client.query<{ event_id: string; schema_version: number; data: JsonObject }>(
    "SELECT event_id, schema_version, data FROM events WHERE type = $1 AND schema_version <= $2 ORDER BY global_position DESC LIMIT $3",
    [chain[0].type, target, REPLAY_LIMIT],
  );
  const registry = new SchemaRegistry([dataTypeDef(chain)]);
  const failures: { eventId: string; storedVersion: number; errors: string[] }[] = [];
  let failed = 0;
  for (const r of rows) {
    let data: JsonObject;
    try {
      data = registry.upcast(chain[0].type, r.schema_version, r.data).data;
    } catch (e) {
      failed++;
      if (failures.length < 5) failures.push({ eventId: r.event_id, storedVersion: r.schema_version, errors: [`the upcast fails: ${(e as Error).message}`] });
      continue;
    }
    if (validate(data)) continue;
    const errors = (validate.errors ?? []).filter((e) => !isEnvelope(pointer(data, e.instancePath))).map((e) => `${e.instancePath || "/"} ${e.message}`);
    if (!errors.length) continue;
    failed++;
    if (failures.length < 5) failures.push({ eventId: r.event_id, storedVersion: r.schema_version, errors });
  }
  const reasons = failed ? [`${failed} of ${rows.length} stored events of versions 1 to ${target} do not validate against v${target} after upcasting (samples in failures)`] : [];
  return { checked: rows.length, reasons, failures };
}

function pointer(data: unknown, instancePath: string): unknown {
  let cur = data;
  for (const part of instancePath.split("/").slice(1)) cur = cur && typeof cur === "object" ? (cur as JsonObject)[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  return cur;
}

export type { UpcastOp };
