import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { MartenConfig } from "./marten-schema";

export type MartenEventToAppend = {
  id?: string;
  /** Marten's event type alias (snake_case of the .NET type name). */
  type: string;
  data: object;
  correlationId?: string;
  causationId?: string;
  headers?: Record<string, unknown>;
};

export type MartenAppend = { streamId: string; streamType?: string; tenantId?: string; events: MartenEventToAppend[] };

const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
const TENANT_DEFAULT = "*DEFAULT*";
/** Marten's Tombstone.StreamId is a Guid made once per process. */
const TOMBSTONE_GUID = randomUUID();

/** A .NET type name as Marten stores it in mt_dotnet_type ("Namespace.Type, Assembly"). */
const dotnetType = (alias: string) => `Shop.Events.${alias.replace(/(^|_)(\w)/g, (_, __, ch: string) => ch.toUpperCase())}, Shop`;

/**
 * Appends as Marten's quick append (mt_quick_append_events) does, on the caller's connection and
 * transaction: the stream row is created at version 0 or read, each event takes
 * nextval(mt_events_sequence) and the next version, the optional metadata columns are filled
 * when the configuration has them, and the stream's version is set last.
 */
export async function appendLikeMarten(c: pg.ClientBase, cfg: MartenConfig, a: MartenAppend): Promise<{ version: number; events: { id: string; seqId: number }[] }> {
  const s = q(cfg.schema);
  const tenant = a.tenantId ?? TENANT_DEFAULT;
  const where = cfg.conjoined ? "id = $1 AND tenant_id = $2" : "id = $1 AND $2::varchar IS NOT NULL";
  const { rows } = await c.query<{ version: string; is_archived: boolean }>(`SELECT version, is_archived FROM ${s}.mt_streams WHERE ${where}`, [a.streamId, tenant]);
  if (rows[0]?.is_archived) throw new Error(`Attempted to append event to archived stream with Id '${a.streamId}'.`);
  let version = rows[0] ? Number(rows[0].version) : 0;
  if (!rows[0]) {
    await c.query(`INSERT INTO ${s}.mt_streams (id, type, version, timestamp, tenant_id) VALUES ($1, $2, 0, now(), $3)`, [a.streamId, a.streamType ?? null, tenant]);
  }
  const m = cfg.metadata ?? {};
  const extra = [m.causationId && "causation_id", m.correlationId && "correlation_id", m.headers && "headers"].filter(Boolean) as string[];
  const out: { id: string; seqId: number }[] = [];
  for (const e of a.events) {
    const id = e.id ?? randomUUID();
    version += 1;
    const values: unknown[] = [id, a.streamId, version, JSON.stringify(e.data), e.type, tenant, dotnetType(e.type)];
    for (const col of extra) values.push(col === "causation_id" ? (e.causationId ?? null) : col === "correlation_id" ? (e.correlationId ?? null) : e.headers ? JSON.stringify(e.headers) : null);
    const placeholders = extra.map((_, i) => `, $${8 + i}`).join("");
    const inserted = await c.query<{ seq_id: string }>(
      `INSERT INTO ${s}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived${extra.map((x) => `, ${x}`).join("")})
       VALUES (nextval('${s}.mt_events_sequence'), $1, $2, $3, $4, $5, $6, now(), $7, FALSE${placeholders}) RETURNING seq_id`,
      values,
    );
    out.push({ id, seqId: Number(inserted.rows[0].seq_id) });
  }
  await c.query(`UPDATE ${s}.mt_streams SET version = $3, timestamp = now() WHERE ${where}`, [a.streamId, tenant, version]);
  return { version, events: out };
}

/** Archives a stream as Marten's mt_archive_stream does without archive partitioning: both rows flagged, nothing moved. */
export async function archiveLikeMarten(c: pg.ClientBase, cfg: MartenConfig, streamId: string, tenantId = TENANT_DEFAULT): Promise<void> {
  const s = q(cfg.schema);
  const tenant = cfg.conjoined ? " AND tenant_id = $2" : " AND $2::varchar IS NOT NULL";
  await c.query(`UPDATE ${s}.mt_events SET is_archived = TRUE WHERE stream_id = $1${tenant}`, [streamId, tenantId]);
  await c.query(`UPDATE ${s}.mt_streams SET is_archived = TRUE WHERE id = $1${tenant}`, [streamId, tenantId]);
}

/**
 * Fills the seq_ids of a failed append with Tombstone events, as Marten does after a failed
 * SaveChanges (EventGraph.Processing.cs): the tombstone stream at version 0, one event per
 * lost seq_id with version = seq_id.
 */
export async function tombstonesLikeMarten(c: pg.ClientBase, cfg: MartenConfig, seqIds: number[], tenantId = TENANT_DEFAULT): Promise<void> {
  const s = q(cfg.schema);
  const streamId = cfg.identity === "guid" ? TOMBSTONE_GUID : "mt_tombstone";
  const key = cfg.conjoined ? "(id, tenant_id)" : "(id)";
  await c.query(`INSERT INTO ${s}.mt_streams (id, tenant_id, version, is_archived) VALUES ($1, $2, 0, false) ON CONFLICT ${key} DO NOTHING`, [streamId, tenantId]);
  for (const seq of seqIds) {
    await c.query(
      `INSERT INTO ${s}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived)
       VALUES ($1, $2, $3, $1, '{}', 'tombstone', $4, now(), 'JasperFx.Events.Tombstone, JasperFx.Events', FALSE)`,
      [seq, randomUUID(), streamId, tenantId],
    );
  }
}

/** Takes seq_ids the way a failing append does (nextval is not transactional), leaving holes that never fill. */
export async function burnSequence(c: pg.ClientBase, cfg: MartenConfig, n: number): Promise<number[]> {
  const { rows } = await c.query<{ seq: string }>(`SELECT nextval('${q(cfg.schema)}.mt_events_sequence') AS seq FROM generate_series(1, $1)`, [n]);
  return rows.map((r) => Number(r.seq));
}
