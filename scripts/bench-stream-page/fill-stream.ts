import type pg from "pg";
import { streamHash } from "../../lib/store/stream-id";
import { summariseFilledEvents } from "../bench/summarise-filled-events";

// One long ticker written with set-based SQL straight into events (the append path would take
// minutes for 100 000 events and is measured elsewhere), summarised into streams like an append.

export type FilledStream = { streamId: string; events: number; seconds: number };

/** Inserts `n` PriceTicked events into `streamId` spread over the last 90 days, then its streams row. */
export async function fillStream(db: pg.Client, streamId: string, n: number): Promise<FilledStream> {
  const t0 = performance.now();
  const category = streamId.slice(0, streamId.indexOf("-"));
  await db.query(
    `INSERT INTO events (event_id, stream_id, category, stream_hash, stream_version, type, schema_version, data, recorded_at, size_bytes)
     SELECT gen_random_uuid(), $1, $2, $3, v, 'PriceTicked', 1, d, now() - interval '90 days' + make_interval(secs => 90 * 86400.0 * v / $4::int), length(d::text)
       FROM generate_series(1, $4::int) v,
            LATERAL (SELECT jsonb_build_object('symbol', 'BENCH', 'bid', 100 + v % 97 / 10.0, 'ask', 100.1 + v % 97 / 10.0, 'volume', v % 50) AS d) x`,
    [streamId, category, streamHash(streamId), n],
  );
  await summariseFilledEvents(db, streamId);
  return { streamId, events: n, seconds: (performance.now() - t0) / 1000 };
}

/** EXPLAIN of the lookups behind the stream page and the event drawer: each must be an index scan. */
export async function explainLookups(db: pg.Client, streamId: string): Promise<Record<string, string>> {
  const { rows } = await db.query<{ event_id: string }>("SELECT event_id FROM events WHERE stream_id = $1 AND stream_version = 50000", [streamId]);
  const id = rows[0]?.event_id ?? "00000000-0000-4000-8000-000000000000";
  const plans: Record<string, string> = {};
  const queries: Record<string, [string, unknown[]]> = {
    "timeline page (stream_id, stream_version)": ["SELECT * FROM events WHERE stream_id = $1 AND stream_version >= 50001 ORDER BY stream_version LIMIT 201", [streamId]],
    "event by id": ["SELECT * FROM events WHERE event_id = $1", [id]],
    "effects by causation_id": ["SELECT event_id FROM events WHERE causation_id = $1 ORDER BY global_position LIMIT 20", [id]],
    "effect count": ["SELECT count(*) FROM events WHERE causation_id = $1", [id]],
  };
  for (const [name, [sql, params]] of Object.entries(queries)) {
    const plan = await db.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params);
    plans[name] = plan.rows.map((r) => r["QUERY PLAN"].trim()).filter((l) => /Scan/.test(l)).join(" / ");
  }
  return plans;
}
