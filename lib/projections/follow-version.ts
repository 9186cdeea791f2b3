import "server-only";
import { attachSourcePayloads, INDEX_EVENT_FIELDS } from "../source/attach-payloads";
import { logTables, type LogTables } from "../source/log-tables";
import type pg from "pg";
import { appendAudit } from "../audit/append-audit";
import { systemActor } from "../audit/actor";
import { logOrderSql } from "../source/log-order";
import { acceptedTypes, foldEvents, keyEvents, keysOf, PoisonEventError, type StoredEvent } from "./fold-events";
import { requireProjection } from "./registry";
import { dropRowsPartition, writeStates } from "./rows-table";
import type { StateCache } from "./state-cache";
import { runSql, typedSql } from "../sql/typed-sql";

export const DEFAULT_FOLLOW_BATCH = 5_000;

/** The gap-safe log order cut to the projection's categories and the columns it folds (over a source: the index, payloads attached after). */
const followText = (from: LogTables["events"], select: string) =>
  logOrderSql({ select, from, afterTx: "$1", afterPosition: "$2", where: ["category = ANY($3::text[])"], limit: "$4" });
const followSql = typedSql("projections.follow", followText("events", "event_id, stream_id, type, schema_version, data, tx_id, global_position, recorded_at"), {
  json: { data: "JsonObject" },
});
const SOURCE_FOLLOW_SQL = followText("source_events", INDEX_EVENT_FIELDS);
type FollowRow = StoredEvent & { tx_id: string; global_position: number; recorded_at: string };

type VersionRow = {
  id: number;
  name: string;
  code_version: number;
  kind: "build" | "drill";
  status: string;
  paused: boolean;
  tx_id: string;
  global_position: number;
  parked_event_id: string | null;
  skipped_events: string[];
  /** Catching up, but some event committed before the rebuild started is not readable yet. */
  short_of_target: boolean;
};

/**
 * `caughtUp`: the version has read everything it has to for now. An empty batch of a version still
 * short of its target (a transaction held open elsewhere keeps events unreadable) is not caught up.
 * `notFollowing`: the version is paused, parked or no longer follows the log.
 */
export type FollowBatch = { events: number; caughtUp: boolean; parked?: string; became?: "live" | "drill-done"; notFollowing?: true };

/**
 * Applies one batch of the live log to a version that follows it (catching up, live or previous),
 * in one short transaction with its fenced checkpoint. A failing event parks the version with
 * the event and the error; it stays parked until someone retries or skips it.
 */
export async function followBatch(client: pg.PoolClient, versionId: number, cache: StateCache, batchSize = DEFAULT_FOLLOW_BATCH): Promise<FollowBatch> {
  const t0 = performance.now();
  await client.query("BEGIN");
  try {
    const { rows: vs } = await client.query<VersionRow>(
      `SELECT id, name, code_version, kind, status, paused, tx_id::text AS tx_id, global_position, parked_event_id, skipped_events::text[] AS skipped_events,
              coalesce(status = 'catching_up' AND pg_snapshot_xmin(pg_current_snapshot()) <= catch_up_tx, false) AS short_of_target
         FROM projection_versions WHERE id = $1 FOR UPDATE`,
      [versionId],
    );
    const v = vs[0];
    if (!v || !["catching_up", "live", "previous"].includes(v.status) || v.paused || v.parked_event_id) {
      await client.query("ROLLBACK");
      return { events: 0, caughtUp: false, notFollowing: true };
    }
    // Another leader (a brief overlap at failover) may have moved the checkpoint since our last batch.
    cache.checkpointSeen(`${v.tx_id}:${v.global_position}`);
    const def = requireProjection(v.name, v.code_version);
    const log = logTables();
    const params = [v.tx_id, v.global_position, def.categories, batchSize] as const;
    const rows: FollowRow[] = log.external ? (await client.query<FollowRow>(SOURCE_FOLLOW_SQL, [...params])).rows : (await runSql(client, followSql, [...params])).rows;
    if (log.external) await attachSourcePayloads(rows);
    if (!rows.length && v.short_of_target) {
      await client.query("ROLLBACK");
      return { events: 0, caughtUp: false };
    }
    if (!rows.length) {
      const became = await caughtUp(client, v);
      await client.query("COMMIT");
      if (became === "drill-done") await dropRowsPartition(client, v.id);
      return { events: 0, caughtUp: true, became };
    }
    const accepted = acceptedTypes(def);
    const keyed = keyEvents(def, rows, accepted, new Set(v.skipped_events));
    const states = await cache.load(client, v.id, keysOf(keyed));
    let touched: Set<string>;
    try {
      touched = foldEvents(def, keyed, states);
    } catch (e) {
      await client.query("ROLLBACK");
      cache.clear();
      if (!(e instanceof PoisonEventError)) throw e;
      await client.query("UPDATE projection_versions SET parked_event_id = $2, parked_error = $3, parked_at = clock_timestamp() WHERE id = $1", [v.id, e.eventId, e.message]);
      return { events: 0, caughtUp: false, parked: e.message };
    }
    await writeStates(client, v.id, touched, states);
    const last = rows[rows.length - 1];
    const rate = rows.length / Math.max((performance.now() - t0) / 1000, 0.001);
    const moved = await client.query(
      `UPDATE projection_versions
          SET tx_id = $2::xid8, global_position = $3, events_followed = events_followed + $4, last_event_at = $5,
              rate = CASE WHEN rate IS NULL THEN $6::float8 ELSE rate * 0.7 + $6::float8 * 0.3 END
        WHERE id = $1 AND tx_id = $7::xid8 AND global_position = $8`,
      [v.id, last.tx_id, last.global_position, rows.length, last.recorded_at, rate, v.tx_id, v.global_position],
    );
    if (moved.rowCount !== 1) {
      await client.query("ROLLBACK");
      cache.clear();
      return { events: 0, caughtUp: false };
    }
    await client.query("COMMIT");
    cache.checkpointWritten(`${last.tx_id}:${last.global_position}`);
    return { events: rows.length, caughtUp: rows.length < batchSize };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    cache.clear();
    throw e;
  }
}

/**
 * The version has read everything readable: it is caught up. The first build of a projection
 * with no live version goes live here; a drill is timed, recorded and discarded.
 */
async function caughtUp(client: pg.PoolClient, v: VersionRow): Promise<FollowBatch["became"]> {
  // Refreshed at most every 10 s: an idle projection polled every second should not rewrite its row each time.
  await client.query(
    "UPDATE projection_versions SET caught_up_at = clock_timestamp() WHERE id = $1 AND (caught_up_at IS NULL OR caught_up_at < clock_timestamp() - interval '10 seconds')",
    [v.id],
  );
  if (v.status !== "catching_up") return undefined;
  if (v.kind === "drill") {
    await client.query(
      `UPDATE projection_drills d SET status = 'completed', finished_at = clock_timestamp(),
              seconds = extract(epoch FROM clock_timestamp() - d.started_at), events = pv.replay_total + pv.events_followed
         FROM projection_versions pv WHERE d.version_id = $1 AND pv.id = $1 AND d.status = 'running'`,
      [v.id],
    );
    await client.query("UPDATE projection_versions SET status = 'discarded', discarded_at = clock_timestamp() WHERE id = $1", [v.id]);
    return "drill-done";
  }
  const live = await client.query(
    `INSERT INTO projection_live (name, version_id, switched_by) VALUES ($1, $2, 'system:projections')
     ON CONFLICT (name) DO NOTHING`,
    [v.name, v.id],
  );
  if (live.rowCount !== 1) return undefined;
  await client.query("UPDATE projection_versions SET status = 'live', promoted_at = clock_timestamp() WHERE id = $1", [v.id]);
  await appendAudit(client, {
    actor: systemActor("projections", "Hindsight"),
    action: "projection.went_live",
    target: `projection:${v.name}`,
    details: { versionId: v.id, codeVersion: v.code_version, reason: "first version of this projection, caught up with the log" },
  });
  return "live";
}
