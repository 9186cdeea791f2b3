import { AppError } from "../../errors";
import type { EventSource, OpenSource, SourceEvent, StreamSummary } from "../contract";
import { MARTEN_CAPABILITIES } from "./capabilities";
import { SEEN_AT_SQL } from "../gap-watch/gap-liveness";
import { GapSightings, readSequenceLog, type SequenceFetch } from "../gap-watch/read-sequence-log";
import { decodeSequenceCursor, encodeSequenceCursor, SEQUENCE_START } from "../gap-watch/sequence-cursor";
import { openSourcePool } from "../shared/source-pool";
import { checkMarten } from "./check-marten";
import { categorySql, eventColumns, readMartenLayout, streamIdSql, TOMBSTONE_SQL, type MartenLayout } from "./marten-layout";
import { toSourceEvent, type MartenRow } from "./marten-rows";

/** Marten cursors: "mt1:<seq_id>[:<gap seen at, µs>:<gap ceiling>]". */
export const MARTEN_CURSOR = "mt1:";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Marten as a source: mt_events in the configured schema, ordered by seq_id (drawn from
 * mt_events_sequence, no transaction id), read gap-safe by the gap watch. Tombstone rows fill a
 * failed append's seq_id: they count as present for the gap walk but are never shown. Archived
 * events stay in the log, the streams and the counts: archiving is a state in Marten, the events happened.
 *
 * Gaps are found as Marten's own high-water detection finds them (Events/Daemon/HighWater:
 * GapDetector, GapLivenessProbe): walk seq_id from the mark without crossing a hole, hold before
 * a leading one, and skip a hole only when no transaction that began before its first sighting is
 * still alive, never past the highest seq_id committed at that sighting. Safe because a missing
 * seq_id below a committed one was taken by a transaction that had begun by then: once none of
 * those is alive, the row is either visible to the next read or never will be. Marten also lets a
 * hole be skipped after a stale threshold despite live transactions (an opt-in cap); Hindsight
 * never does, and it has no allocation fence (that needs SELECT on mt_events_sequence), so a
 * session left idle in a transaction since before the hole (Marten's daemon holding its
 * leadership lock) holds a never-tombstoned hole until it ends.
 */
export const openMartenSource: OpenSource = (opts) => {
  const schema = opts.schema ?? "public";
  const pool = openSourcePool(opts.url, "marten");
  const sightings = new GapSightings();
  let cached: Promise<MartenLayout | null> | null = null;
  const layoutOrNull = () => (cached ??= readMartenLayout(pool, schema).catch((e) => ((cached = null), Promise.reject(e))));
  const layout = async (): Promise<MartenLayout> => {
    const l = await layoutOrNull();
    if (!l) throw new AppError("bad_request", `there is no readable Marten mt_events table in schema ${schema}`);
    return l;
  };

  /** The (tenant, id) a Hindsight stream id names, or null when it cannot be a stream of this store. */
  const streamKey = (l: MartenLayout, streamId: string): { tenant: string | null; id: string } | null => {
    let tenant: string | null = null;
    let id = streamId;
    if (l.conjoined) {
      const slash = streamId.indexOf("/");
      if (slash < 0) return null;
      [tenant, id] = [streamId.slice(0, slash), streamId.slice(slash + 1)];
    }
    return l.guidStreams && !UUID.test(id) ? null : { tenant, id };
  };

  const fetch = (l: MartenLayout): SequenceFetch<SourceEvent> => async (after, limit) => {
    const { rows } = await pool.query<MartenRow & { tombstone: boolean; max_position: number; seen_at: string }>(
      `SELECT ${eventColumns(l)}, ${TOMBSTONE_SQL} AS tombstone,
              (SELECT max(seq_id) FROM ${l.events}) AS max_position, ${SEEN_AT_SQL} AS seen_at
         FROM ${l.events} e WHERE e.seq_id > $1 ORDER BY e.seq_id LIMIT $2`,
      [after, limit],
    );
    return {
      rows: rows.map((r) => ({ position: r.global_position, event: r.tombstone ? null : toSourceEvent(r) })),
      maxPosition: rows[0]?.max_position ?? after,
      seenAt: BigInt(rows[0]?.seen_at ?? 0),
    };
  };

  const source: EventSource = {
    kind: "marten",
    capabilities: MARTEN_CAPABILITIES,

    async readLog(after, { limit }) {
      const cursor = after === null ? SEQUENCE_START : decodeSequenceCursor(MARTEN_CURSOR, after);
      const l = await layout();
      if (l.perTenantSequences) throw new AppError("bad_request", "this Marten store draws seq_id per tenant (UseTenantPartitionedEvents): there is no one log order to read");
      // Marten's rich append takes its seq_ids in one statement and inserts later, so an idle session without an xid may still hold one.
      const page = await readSequenceLog(pool, fetch(l), cursor, limit, { idleWithoutXidCannotHold: false }, sightings);
      return { events: page.events, cursor: encodeSequenceCursor(MARTEN_CURSOR, page.cursor), caughtUp: page.caughtUp };
    },

    async readStream(streamId, o = {}) {
      const l = await layout();
      const key = streamKey(l, streamId);
      if (!key) return [];
      const { rows } = await pool.query<MartenRow>(
        `SELECT ${eventColumns(l)} FROM ${l.events} e
          WHERE e.stream_id = $1 AND ($2::text IS NULL OR e.tenant_id = $2) AND NOT ${TOMBSTONE_SQL}
            AND e.version >= $3 AND ($4::bigint IS NULL OR e.version <= $4)
          ORDER BY e.version LIMIT $5`,
        [key.id, key.tenant, o.fromVersion ?? 1, o.toVersion ?? null, o.limit ?? null],
      );
      return rows.map(toSourceEvent);
    },

    async getEvents(eventIds) {
      const ids = eventIds.filter((id) => UUID.test(id));
      if (!ids.length) return [];
      const l = await layout();
      const { rows } = await pool.query<MartenRow>(`SELECT ${eventColumns(l)} FROM ${l.events} e WHERE e.id = ANY($1::uuid[]) AND NOT ${TOMBSTONE_SQL}`, [ids]);
      return rows.map(toSourceEvent);
    },

    async listStreams({ prefix = "", after, limit }): Promise<StreamSummary[]> {
      const l = await layout();
      const id = streamIdSql(l, "s", "id");
      // Streams at version 0 hold no events (Marten's tombstone stream is one).
      const { rows } = await pool.query<{ stream_id: string; category: string; version: number; last: string | null }>(
        `SELECT ${id} AS stream_id, COALESCE(s.type, 'unknown') AS category, s.version, s.timestamp AS last
           FROM ${l.streams} s
          WHERE COALESCE(s.version, 0) > 0 AND starts_with(${id}, $1) AND ($2::text IS NULL OR ${id} > $2)
          ORDER BY 1 LIMIT $3`,
        [prefix, after ?? null, limit],
      );
      return rows.map((r) => ({ streamId: r.stream_id, category: r.category, version: r.version, lastRecordedAt: r.last }));
    },

    async countEvents({ from, to, category }) {
      const l = await layout();
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::bigint AS n FROM ${l.events} e
          WHERE NOT ${TOMBSTONE_SQL}
            AND ($1::timestamptz IS NULL OR e.timestamp >= $1) AND ($2::timestamptz IS NULL OR e.timestamp < $2)
            AND ($3::text IS NULL OR ${categorySql(l)} = $3)`,
        [from?.toISOString() ?? null, to?.toISOString() ?? null, category ?? null],
      );
      return rows[0].n;
    },

    check: () => checkMarten(pool, schema, layoutOrNull),
    close: () => pool.end(),
  };
  return source;
};
