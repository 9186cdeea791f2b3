import "server-only";
import { logTables } from "../source/log-tables";
import type pg from "pg";
import { getPool } from "../db";
import type { CodeVersionView, DrillView, PartitionProgress, ProjectionDetail, VersionView } from "./projection-views";
import type { AnyProjectionDef } from "./projection";
import { projectionRegistry } from "./registry";
import { pendingEvents } from "./switch-live-version";

type VersionRow = {
  id: number; code_version: number; kind: "build" | "drill"; status: VersionView["status"]; paused: boolean; tx_id: string; global_position: number;
  events_followed: number; rate: number | null; replay_total: number; caught_up_at: string | null; parked_event_id: string | null; parked_error: string | null;
  parked_at: string | null; parked_type: string | null; parked_stream: string | null; skipped_events: string[]; error: string | null; created_by: string;
  created_at: string; promoted_at: string | null; elapsed: number;
};

type PartitionRow = { version_id: number; partition: number; hash_from: number; hash_to: number; status: string; done: number; total: number; active_seconds: number; elapsed: number | null; dispatches: number; error: string | null; error_event_id: string | null };

export function codeView(def: AnyProjectionDef): CodeVersionView {
  return { version: def.version, title: def.title, changes: def.changes, categories: def.categories, accepts: def.accepts, upcast: def.upcast, keyFromStreamIdOnly: def.keyFromStreamIdOnly };
}

/** Lag of a version behind the log: committed events it has not applied (counted up to a cap) and the age of the oldest. */
export async function versionLag(db: pg.Pool, categories: string[], txId: string, position: number): Promise<{ events: number; seconds: number }> {
  const client = await db.connect();
  try {
    const events = await pendingEvents(client, categories, txId, position);
    if (!events) return { events: 0, seconds: 0 };
    const { rows } = await client.query<{ age: number }>(
      `SELECT extract(epoch FROM clock_timestamp() - recorded_at)::float8 AS age FROM ${logTables().events}
        WHERE (tx_id, global_position) > ($1::xid8, $2::bigint) AND category = ANY($3::text[])
        ORDER BY tx_id, global_position LIMIT 1`,
      [txId, position, categories],
    );
    return { events, seconds: Math.max(0, rows[0]?.age ?? 0) };
  } finally {
    client.release();
  }
}

function partitionView(p: PartitionRow): PartitionProgress {
  const rate = p.active_seconds > 0 ? p.done / p.active_seconds : null;
  return {
    partition: p.partition, hashFrom: p.hash_from, hashTo: p.hash_to, status: p.status, done: p.done, total: p.total, rate,
    etaSeconds: p.status === "done" ? 0 : rate ? Math.max(0, p.total - p.done) / rate : null,
    elapsedSeconds: p.elapsed, dispatches: p.dispatches, error: p.error, errorEventId: p.error_event_id,
  };
}

/** Everything the projection detail page shows: code versions, stored versions with progress and lag, drills. */
export async function getProjection(name: string, db: pg.Pool = getPool()): Promise<ProjectionDetail | null> {
  const code = projectionRegistry().versions(name);
  if (!code.length) return null;
  const [live, versions, partitions, drills] = await Promise.all([
    db.query<{ version_id: number; previous_version_id: number | null }>("SELECT version_id, previous_version_id FROM projection_live WHERE name = $1", [name]),
    db.query<VersionRow>(
      `SELECT v.id, v.code_version, v.kind, v.status, v.paused, v.tx_id::text AS tx_id, v.global_position, v.events_followed, v.rate, v.replay_total,
              v.caught_up_at, v.parked_event_id, v.parked_error, v.parked_at, e.type AS parked_type, e.stream_id AS parked_stream,
              v.skipped_events::text[] AS skipped_events, v.error, v.created_by, v.created_at, v.promoted_at,
              extract(epoch FROM coalesce(v.caught_up_at, clock_timestamp()) - v.created_at)::float8 AS elapsed
         FROM projection_versions v LEFT JOIN ${logTables().external ? "source_events e ON e.event_id = v.parked_event_id::text" : "events e ON e.event_id = v.parked_event_id"}
        WHERE v.name = $1 AND v.status <> 'discarded' ORDER BY v.id DESC`,
      [name],
    ),
    db.query<PartitionRow>(
      `SELECT p.version_id, p.partition, p.hash_from, p.hash_to, p.status, p.done, p.total, p.active_seconds, p.dispatches, p.error, p.error_event_id,
              extract(epoch FROM coalesce(p.finished_at, clock_timestamp()) - p.started_at)::float8 AS elapsed
         FROM projection_partitions p JOIN projection_versions v ON v.id = p.version_id
        WHERE v.name = $1 AND v.status <> 'discarded' ORDER BY p.version_id, p.partition`,
      [name],
    ),
    db.query<{ id: number; code_version: number; partitions: number; events: number | null; status: string; started_at: string; finished_at: string | null; seconds: number | null; rto_seconds: number | null; trigger: "manual" | "schedule" }>(
      "SELECT id, code_version, partitions, events, status, started_at, finished_at, seconds, rto_seconds, trigger FROM projection_drills WHERE name = $1 ORDER BY started_at DESC LIMIT 60",
      [name],
    ),
  ]);
  const views: VersionView[] = [];
  for (const v of versions.rows) {
    const def = projectionRegistry().find(name, v.code_version);
    const parts = partitions.rows.filter((p) => p.version_id === v.id).map(partitionView);
    const replayDone = parts.reduce((n, p) => n + p.done, 0);
    const running = parts.filter((p) => p.rate && p.status !== "done");
    const replayRate = running.length ? running.reduce((n, p) => n + (p.rate ?? 0), 0) : null;
    const follows = ["catching_up", "live", "previous"].includes(v.status);
    const lag = follows && def ? await versionLag(db, def.categories, v.tx_id, v.global_position) : null;
    views.push({
      id: v.id, codeVersion: v.code_version, kind: v.kind, status: v.status, paused: v.paused, partitions: parts, replayDone, replayTotal: v.replay_total,
      replayRate, etaSeconds: v.status === "building" ? Math.max(0, ...parts.map((p) => p.etaSeconds ?? 0)) : null,
      elapsedSeconds: v.elapsed, position: { txId: v.tx_id, globalPosition: v.global_position }, eventsFollowed: v.events_followed, followRate: v.rate,
      lagEvents: lag?.events ?? null, lagSeconds: lag?.seconds ?? null, caughtUpAt: v.caught_up_at,
      parked: v.parked_event_id ? { eventId: v.parked_event_id, error: v.parked_error ?? "", at: v.parked_at ?? "", type: v.parked_type, streamId: v.parked_stream } : null,
      skippedEvents: v.skipped_events, error: v.error, createdBy: v.created_by, createdAt: v.created_at, promotedAt: v.promoted_at,
    });
  }
  return {
    name,
    title: code[code.length - 1].title,
    liveVersionId: live.rows[0]?.version_id ?? null,
    previousVersionId: live.rows[0]?.previous_version_id ?? null,
    code: code.map(codeView),
    versions: views,
    drills: drills.rows.map((d): DrillView => ({ id: d.id, codeVersion: d.code_version, partitions: d.partitions, events: d.events, status: d.status, startedAt: d.started_at, finishedAt: d.finished_at, seconds: d.seconds, rtoSeconds: d.rto_seconds, trigger: d.trigger })),
  };
}
