import "server-only";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import type { JsonObject } from "../schema/registry";
import { subjectRows } from "./erasure-scanner";
import { acceptedTypes, deliver, foldEvents, keyEvents, type StoredEvent } from "./fold-events";
import { requireProjection } from "./registry";
import { writeStates } from "./rows-table";

export type RefreshSubjectRowsResult = { versions: number; keys: number };

/**
 * Re-folds, from the events, every projection row that holds the subject's data (for the erasure
 * workflow, after events were rewritten or shredded): each affected key of each version that
 * follows the log, up to that version's checkpoint, under its row lock so the follow loop waits.
 */
export async function refreshSubjectRows(opts: { subjectId: string }): Promise<RefreshSubjectRowsResult> {
  const pool = getPool();
  const fromRows = await subjectRows(pool, opts.subjectId);
  const { rows: versions } = await pool.query<{ id: number; name: string; code_version: number }>(
    "SELECT id, name, code_version FROM projection_versions WHERE status IN ('catching_up', 'live', 'previous') ORDER BY id",
  );
  let keys = 0;
  let touchedVersions = 0;
  for (const v of versions) {
    const def = requireProjection(v.name, v.code_version);
    const accepted = acceptedTypes(def);
    const affected = new Set(fromRows.filter((r) => r.version_id === v.id).map((r) => r.key));
    const carrying = await pool.query<StoredEvent>(
      "SELECT event_id, stream_id, type, schema_version, data FROM events WHERE subjects @> ARRAY[$1]::text[] AND category = ANY($2::text[])",
      [opts.subjectId, def.categories],
    );
    for (const e of carrying.rows) {
      if (!accepted.has(e.type)) continue;
      const key = def.key(deliver(def, e));
      if (key !== null) affected.add(key);
    }
    if (!affected.size) continue;
    touchedVersions++;
    await inTransaction(async (client) => {
      const { rows } = await client.query<{ tx_id: string; global_position: number; skipped: string[] }>(
        "SELECT tx_id::text AS tx_id, global_position, skipped_events::text[] AS skipped FROM projection_versions WHERE id = $1 FOR UPDATE",
        [v.id],
      );
      const cp = rows[0];
      const streams = def.keyFromStreamIdOnly ? [...affected] : null;
      const { rows: events } = await client.query<StoredEvent>(
        `SELECT event_id, stream_id, type, schema_version, data FROM events
          WHERE category = ANY($1::text[]) AND (tx_id, global_position) <= ($2::xid8, $3::bigint)
            AND ($4::text[] IS NULL OR stream_id = ANY($4::text[]))
          ORDER BY tx_id, global_position`,
        [def.categories, cp.tx_id, cp.global_position, streams],
      );
      const states = new Map<string, JsonObject>();
      const mine = keyEvents(def, events, accepted, new Set(cp.skipped)).filter((k) => affected.has(k.key));
      foldEvents(def, mine, states);
      await writeStates(client, v.id, states.keys(), states);
      keys += states.size;
    });
  }
  return { versions: touchedVersions, keys };
}
