-- Single appends cost PostgreSQL less CPU (issue 17: single appends with 16 writers must stay
-- >= 1.3x emmett). Profiled with perf on 16 writers of one event each: the streams row was
-- rewritten outside HOT on every append (last_event_at and the search range are indexed, and the
-- range index carried the version), the stream_types trigger, the statement building the batch's
-- answer and the stream-order lookup each ran per append.

-- 1. No reader walks streams by last_event_at: the totals and growth read the whole table, a
--    stream's own lookups go by its key. The index cost every append a non-HOT update.
DROP INDEX IF EXISTS streams_last_event_idx;

-- 2. The stream search's range ends at the start of the minute of the last event instead of at the
--    event (never before the first event): it changes once a minute per stream, not on every
--    append, so appends leave the GiST index alone. The search floors its `from` to the minute the
--    same way, so the index finds every stream it should, and rechecks the exact
--    [first_event_at, last_event_at] on the rows it finds (lib/store/search-streams.ts). The version
--    leaves the index for the same reason. (The expression stays inline: a SQL function here would
--    run as its own query on every append.)

-- Room on each page for the new version of a row, so the update can stay on its page.
ALTER TABLE streams SET (fillfactor = 90);
DROP INDEX IF EXISTS streams_active_range_idx;
ALTER TABLE streams DROP COLUMN IF EXISTS active_range;
ALTER TABLE streams ADD COLUMN active_range tstzrange GENERATED ALWAYS AS (
  tstzrange(first_event_at, greatest(first_event_at, date_bin('1 minute', last_event_at, timestamptz '2000-01-01 00:00:00+00')), '[]')
) STORED;
CREATE INDEX streams_active_range_idx ON streams USING gist (active_range) INCLUDE (stream_id, category);

-- 3. The xid of the stream's last append, for the stream-order check (2b of hs_append) without a
--    lookup in events. NULL until the stream's next append.
ALTER TABLE streams ADD COLUMN IF NOT EXISTS last_tx_id xid8;

-- 4. hs_append notes a stream's event types itself (one conflict check per append), instead of a
--    statement trigger with a transition table on every insert into events.
DROP TRIGGER IF EXISTS events_note_stream_types ON events;
DROP FUNCTION IF EXISTS hs_note_stream_types();

-- hs_append, sixth cut: the fifth (20261204007200_events_bytes) with the changes above; one event
-- is inserted without the set machinery of a batch.
CREATE OR REPLACE FUNCTION hs_append(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_stream    text := p->>'streamId';
  v_category  text := p->>'category';
  v_expected  jsonb := p->'expected';
  v_key       text := p->>'idempotencyKey';
  v_events    jsonb := p->'events';
  v_n         integer := jsonb_array_length(p->'events');
  v_version   integer;
  v_last_at   timestamptz;
  v_strict    boolean;
  v_max_depth integer;
  v_max_corr  integer;
  v_stored    record;
  v_depths    integer[];
  v_causes    jsonb;
  v_bad       text[];
  v_result    jsonb;
  v_response  jsonb;
  v_now       timestamptz := clock_timestamp();
  v_xid       xid8;
  v_prev_tx   xid8;
  v_row       tid;
  v_positions jsonb;
  v_pos       bigint;
  v_first_at  timestamptz;
  v_at        timestamptz;
  v_bytes     bigint;
  e           jsonb;
  d           integer;
  i           integer;
BEGIN
  -- 1. Idempotency comes before the version check: a retried append must get its original answer.
  IF v_key IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('hindsight.idempotency:' || v_key, 0));
    SELECT request_hash, response INTO v_stored FROM idempotency_keys WHERE key = v_key;
    IF FOUND THEN
      IF v_stored.request_hash = p->>'requestHash' THEN
        RETURN v_stored.response || '{"duplicate": true}'::jsonb;
      END IF;
      PERFORM hs_refuse('idempotency_conflict', jsonb_build_object('idempotencyKey', v_key));
    END IF;
  END IF;

  -- 2. Optimistic concurrency: the stream row is locked, so racing writers are serialised. The
  --    category's limits come in the same statement, and the row's address for the update in 7.
  LOOP
    SELECT s.ctid, s.version, s.last_event_at, s.last_tx_id,
           coalesce(cs.strict, false), coalesce(cs.max_causation_depth, 100), coalesce(cs.max_correlation_per_hour, 10000)
      INTO v_row, v_version, v_last_at, v_prev_tx, v_strict, v_max_depth, v_max_corr
      FROM streams s LEFT JOIN category_settings cs ON cs.category = s.category
     WHERE s.stream_id = v_stream FOR UPDATE OF s;
    EXIT WHEN FOUND;
    INSERT INTO streams (stream_id, category, stream_hash) VALUES (v_stream, v_category, (p->>'streamHash')::integer)
      ON CONFLICT (stream_id) DO NOTHING;
  END LOOP;
  IF (jsonb_typeof(v_expected) = 'number' AND (v_expected)::integer <> v_version)
     OR (v_expected = '"no_stream"' AND v_version <> 0)
     OR (v_expected = '"exists"' AND v_version = 0) THEN
    PERFORM hs_refuse('version_conflict', jsonb_build_object(
      'streamId', v_stream, 'expectedVersion', v_expected, 'actualVersion', v_version));
  END IF;

  -- 2b. A stream's events reach the log in version order, so a reader in log order (follow, replay,
  --     subscriptions) folds each stream in version order. A transaction that already had its xid
  --     when it came to wait for the stream row (a caller's transaction that wrote before appending)
  --     would sort before the event it follows: it is refused as a serialization failure, to be
  --     retried in a new transaction. Autocommit appends take their xid after the lock: never refused.
  --     The stream row keeps the xid of its last append; rows last written before this migration
  --     look it up in events.
  v_xid := pg_current_xact_id_if_assigned();
  IF v_xid IS NOT NULL AND v_version > 0 THEN
    IF v_prev_tx IS NULL THEN
      SELECT tx_id INTO v_prev_tx FROM events WHERE stream_id = v_stream AND stream_version = v_version;
    END IF;
    IF v_prev_tx > v_xid THEN
      RAISE EXCEPTION USING ERRCODE = 'serialization_failure',
        MESSAGE = 'stream ' || v_stream || ' moved past this transaction in the log: retry the append in a new transaction',
        DETAIL = jsonb_build_object('streamId', v_stream, 'version', v_version)::text;
    END IF;
  END IF;

  -- 3. Strict categories refuse types the registry does not know.
  IF v_strict THEN
    SELECT array_agg(DISTINCT x->>'type') INTO v_bad FROM jsonb_array_elements(v_events) x
      WHERE NOT (x->>'registered')::boolean;
    IF v_bad IS NOT NULL THEN
      PERFORM hs_refuse('validation_failed', jsonb_build_object(
        'message', 'category ' || v_category || ' is strict: unregistered types are refused', 'types', to_jsonb(v_bad)));
    END IF;
  END IF;

  -- 4. Subject keys are held FOR SHARE: a shred (FOR UPDATE) cannot slip between encrypt and insert.
  IF jsonb_array_length(coalesce(p->'keys', '[]'::jsonb)) > 0 THEN
    PERFORM 1 FROM subject_keys
      WHERE subject_id IN (SELECT k->>'subjectId' FROM jsonb_array_elements(p->'keys') k) FOR SHARE;
    SELECT array_agg(k->>'subjectId') INTO v_bad
      FROM jsonb_array_elements(p->'keys') k
      LEFT JOIN subject_keys s ON s.subject_id = k->>'subjectId'
      WHERE s.subject_id IS NULL OR s.status <> 'active' OR s.key_id <> k->>'keyId';
    IF v_bad IS NOT NULL THEN
      PERFORM hs_refuse('subject_erased', jsonb_build_object('subjects', to_jsonb(v_bad)));
    END IF;
  END IF;

  -- 5. Causation depth: the cause's stored depth + 1 (in this batch or in the store), or the
  --    command's declared depth + 1 when the store does not hold the cause.
  IF (p->>'hasCausation')::boolean THEN
    -- A cause may have been archived: its slim id row keeps its depth.
    SELECT coalesce(jsonb_object_agg(ev.event_id::text, ev.causation_depth), '{}'::jsonb) INTO v_causes
      FROM (SELECT event_id, causation_depth FROM events
            UNION ALL SELECT event_id, causation_depth FROM archived_event_ids) ev
      WHERE ev.event_id IN (SELECT (x->>'causationId')::uuid FROM jsonb_array_elements(v_events) x
                            WHERE x ? 'causationId' AND NOT x ? 'causeIndex');
    v_depths := array_fill(0, ARRAY[v_n]);
    FOR i IN 0 .. v_n - 1 LOOP
      e := v_events->i;
      IF e ? 'causeIndex' THEN
        d := v_depths[(e->>'causeIndex')::integer + 1] + 1;
      ELSIF e ? 'causationId' AND v_causes ? (e->>'causationId') THEN
        d := (v_causes->>(e->>'causationId'))::integer + 1;
      ELSIF e ? 'commandDepth' THEN
        d := (e->>'commandDepth')::integer + 1;
      ELSIF e ? 'causationId' THEN
        d := 1;
      ELSE
        d := 0;
      END IF;
      IF d > v_max_depth THEN
        PERFORM hs_refuse('causation_depth_exceeded', jsonb_build_object(
          'eventId', e->>'eventId', 'depth', d, 'maxDepth', v_max_depth, 'category', v_category));
      END IF;
      v_depths[i + 1] := d;
    END LOOP;
  END IF;

  -- 6. Correlation size: events per correlation per hour, counted in the same transaction.
  IF (p->>'hasCorrelation')::boolean THEN
    WITH c AS (
      INSERT INTO correlation_counters AS cc (correlation_id, hour, count)
      SELECT (x->>'correlationId')::uuid, date_trunc('hour', v_now), count(*)
        FROM jsonb_array_elements(v_events) x WHERE x ? 'correlationId' GROUP BY 1
      ON CONFLICT (correlation_id, hour) DO UPDATE SET count = cc.count + EXCLUDED.count
      RETURNING cc.correlation_id, cc.count
    )
    SELECT array_agg(c.correlation_id::text) INTO v_bad FROM c WHERE c.count > v_max_corr;
    IF v_bad IS NOT NULL THEN
      PERFORM hs_refuse('correlation_limit_exceeded', jsonb_build_object(
        'correlationIds', to_jsonb(v_bad), 'maxPerHour', v_max_corr, 'category', v_category));
    END IF;
  END IF;

  -- 7. The events, with recorded_at never earlier than the stream's previous event. One event (what
  --    a service appends most) is a plain insert; a batch goes through a set. Then the stream row,
  --    by its address: no indexed column of streams changes (the search range moves by the minute,
  --    see 2 above), so the update stays on its page (HOT) and adds no index entries.
  IF v_n = 1 THEN
    e := v_events->0;
    INSERT INTO events (event_id, stream_id, category, stream_hash, stream_version, type, schema_version,
                        data, metadata, correlation_id, causation_id, causation_depth, subjects,
                        recorded_at, size_bytes)
    VALUES ((e->>'eventId')::uuid, v_stream, v_category, (p->>'streamHash')::integer, v_version + 1,
            e->>'type', (e->>'schemaVersion')::integer, e->'data', nullif(e->'metadata', '{}'::jsonb),
            (e->>'correlationId')::uuid, (e->>'causationId')::uuid, coalesce(v_depths[1], 0),
            CASE WHEN jsonb_array_length(coalesce(e->'subjects', '[]'::jsonb)) > 0 THEN ARRAY(SELECT jsonb_array_elements_text(e->'subjects')) END,
            greatest(coalesce((e->>'recordedAt')::timestamptz, clock_timestamp()), v_last_at),
            (e->>'sizeBytes')::integer)
    RETURNING global_position, recorded_at, size_bytes INTO v_pos, v_at, v_bytes;
    v_first_at := v_at;
    v_positions := jsonb_build_array(v_pos);
    INSERT INTO stream_types (type, stream_id) VALUES (e->>'type', v_stream) ON CONFLICT DO NOTHING;
  ELSE
    WITH ins AS (
      INSERT INTO events (event_id, stream_id, category, stream_hash, stream_version, type, schema_version,
                          data, metadata, correlation_id, causation_id, causation_depth, subjects,
                          recorded_at, size_bytes)
      SELECT (x->>'eventId')::uuid, v_stream, v_category, (p->>'streamHash')::integer, v_version + t.ord::integer,
             x->>'type', (x->>'schemaVersion')::integer, x->'data', nullif(x->'metadata', '{}'::jsonb),
             (x->>'correlationId')::uuid, (x->>'causationId')::uuid, coalesce(v_depths[t.ord], 0),
             CASE WHEN jsonb_array_length(coalesce(x->'subjects', '[]'::jsonb)) > 0 THEN ARRAY(SELECT jsonb_array_elements_text(x->'subjects')) END,
             greatest(coalesce((x->>'recordedAt')::timestamptz, clock_timestamp()), v_last_at),
             (x->>'sizeBytes')::integer
        FROM jsonb_array_elements(v_events) WITH ORDINALITY AS t(x, ord)
        ORDER BY t.ord
      RETURNING stream_version, global_position, recorded_at, size_bytes
    )
    SELECT jsonb_agg(global_position ORDER BY stream_version), min(recorded_at), max(recorded_at), sum(size_bytes)
      INTO v_positions, v_first_at, v_at, v_bytes FROM ins;
    INSERT INTO stream_types (type, stream_id)
    SELECT DISTINCT x->>'type', v_stream FROM jsonb_array_elements(v_events) x ON CONFLICT DO NOTHING;
  END IF;
  UPDATE streams SET version = v_version + v_n,
                     event_count = event_count + v_n,
                     bytes = bytes + v_bytes,
                     first_event_at = coalesce(first_event_at, v_first_at),
                     last_event_at = v_at,
                     last_tx_id = v_xid
   WHERE ctid = v_row;
  IF NOT FOUND THEN
    -- Nothing moves a row this transaction holds locked; should it ever, the events must not land
    -- without their stream row following.
    RAISE EXCEPTION 'stream % was not where its lock found it', v_stream;
  END IF;
  v_result := jsonb_build_object('streamId', v_stream, 'fromVersion', v_version + 1, 'toVersion', v_version + v_n, 'positions', v_positions);

  -- 8. Event ids stay unique after archiving. Checked after the insert on purpose: the insert
  --    waits on an archiving transaction that is deleting the same id, so this later statement
  --    sees that transaction's committed id row (a check before the insert could miss it).
  --    Only ids the caller chose can meet an archived one: ids made by the append are new UUIDv7s.
  IF coalesce((p->>'hasClientIds')::boolean, true) THEN
    SELECT array_agg(a.event_id::text) INTO v_bad FROM archived_event_ids a
     WHERE a.event_id IN (SELECT (x->>'eventId')::uuid FROM jsonb_array_elements(v_events) x);
    IF v_bad IS NOT NULL THEN
      RAISE unique_violation USING MESSAGE = 'an event with this eventId is archived',
        CONSTRAINT = 'events_event_id_key', DETAIL = jsonb_build_object('eventIds', to_jsonb(v_bad))::text;
    END IF;
  END IF;

  -- The stored answer for idempotent replays is the full response; the caller builds it otherwise.
  IF v_key IS NOT NULL THEN
    SELECT jsonb_build_object('streamId', v_stream, 'fromVersion', v_version + 1, 'toVersion', v_version + v_n,
             'events', jsonb_agg(jsonb_build_object('eventId', x->>'eventId', 'streamVersion', v_version + t.ord,
                                                    'globalPosition', (v_result->'positions')->(t.ord::integer - 1)) ORDER BY t.ord))
      INTO v_response FROM jsonb_array_elements(v_events) WITH ORDINALITY AS t(x, ord);
    INSERT INTO idempotency_keys (key, stream_id, request_hash, response)
      VALUES (v_key, v_stream, p->>'requestHash', v_response);
  END IF;
  RETURN v_result;
END $$;
