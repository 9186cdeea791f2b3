import "server-only";
import type pg from "pg";
import { getPool } from "../db";
import { versionLag } from "./get-projection";
import type { ProjectionSummary } from "./projection-views";
import { projectionRegistry } from "./registry";

/** The Projections page: every projection in code with its live version, position, lag, rate and errors. */
export async function listProjections(db: pg.Pool = getPool()): Promise<ProjectionSummary[]> {
  const { rows } = await db.query<{
    name: string; id: number; code_version: number; status: ProjectionSummary["others"][number]["status"]; kind: "build" | "drill"; live: boolean;
    tx_id: string; global_position: number; rate: number | null; events_followed: number; parked_event_id: string | null; parked_error: string | null; parked_at: string | null;
  }>(
    `SELECT v.name, v.id, v.code_version, v.status, v.kind, (l.version_id = v.id) AS live, v.tx_id::text AS tx_id, v.global_position, v.rate, v.events_followed,
            v.parked_event_id, v.parked_error, v.parked_at
       FROM projection_versions v LEFT JOIN projection_live l ON l.name = v.name
      WHERE v.status <> 'discarded' ORDER BY v.name, v.id`,
  );
  const out: ProjectionSummary[] = [];
  for (const name of projectionRegistry().names()) {
    const latest = projectionRegistry().latest(name)!;
    const mine = rows.filter((r) => r.name === name);
    const live = mine.find((r) => r.live);
    let liveView: ProjectionSummary["live"] = null;
    if (live) {
      const def = projectionRegistry().find(name, live.code_version) ?? latest;
      const lag = await versionLag(db, def.categories, live.tx_id, live.global_position);
      const count = await db.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM projection_rows WHERE version_id = $1`, [live.id]);
      liveView = {
        id: live.id, codeVersion: live.code_version, position: { txId: live.tx_id, globalPosition: live.global_position }, lagEvents: lag.events, lagSeconds: lag.seconds,
        rate: live.rate, eventsFollowed: live.events_followed, rows: count.rows[0].n,
        parked: live.parked_event_id ? { eventId: live.parked_event_id, error: live.parked_error ?? "", at: live.parked_at ?? "", type: null, streamId: null } : null,
      };
    }
    out.push({
      name, title: latest.title, categories: latest.categories, live: liveView, latestCodeVersion: latest.version,
      others: mine.filter((r) => !r.live).map((r) => ({ id: r.id, codeVersion: r.code_version, status: r.status, kind: r.kind })),
    });
  }
  return out;
}
