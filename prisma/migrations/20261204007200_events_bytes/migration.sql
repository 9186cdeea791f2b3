-- Bytes per event (issue 17). Measured with `npm run bench -- --bytes-only` (scripts/bench/store-bytes.ts).

-- 1. Empty metadata and subjects are stored as NULL: '{}' cost 5 bytes of jsonb and 13 of text[]
--    in every row (most events carry neither), NULL costs a bit of the null bitmap. Readers read
--    NULL as {} and [] (lib/store/event-view.ts, the archive's segment lines); the GIN index on
--    subjects never held empty arrays, and `subjects @> …` is false for NULL as it was for '{}'.
--    Rows written before keep their '{}': nothing is rewritten.
ALTER TABLE events ALTER COLUMN metadata DROP NOT NULL, ALTER COLUMN metadata DROP DEFAULT,
                   ALTER COLUMN subjects DROP NOT NULL, ALTER COLUMN subjects DROP DEFAULT;

-- 2. Partition replays walk a range of stream_hash stream by stream, each stream in version order,
--    through the streams table (one row per stream) and events_stream_version_key, instead of
--    events_hash_log_idx (stream_hash, tx_id, global_position): that index cost ~69 bytes per event
--    (its pages split half-full, since every stream inserts in its own place) for one reader.
--    Its checkpoint is (cp_hash, cp_stream, cp_version). Partitions of rebuilds started before this
--    migration keep ordering 'stream' and their (cp_hash, cp_tx, cp_position) checkpoint, read
--    without that index (slower, exactly as correct).
ALTER TABLE projection_partitions
  ADD COLUMN IF NOT EXISTS cp_stream  text    COLLATE "C" NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS cp_version integer NOT NULL DEFAULT 0;
ALTER TABLE projection_partitions DROP CONSTRAINT IF EXISTS projection_partitions_ordering_check;
ALTER TABLE projection_partitions ADD CONSTRAINT projection_partitions_ordering_check CHECK (ordering IN ('stream', 'version', 'log'));
CREATE INDEX IF NOT EXISTS streams_hash_idx ON streams (stream_hash, stream_id);
DROP INDEX IF EXISTS events_hash_log_idx;

-- 3. recorded_at is read in windows (alerts, the causation map, events per day, archive policies)
--    and rows arrive in time order: a BRIN index answers those from a few bytes per thousand rows,
--    where the B-tree cost ~22.5 bytes per event. minmax-multi keeps a range precise when new rows
--    land in pages freed by archiving; ranges of 16 pages keep a one-hour window to a few dozen
--    pages. The overview's recent events read by global_position instead.
CREATE INDEX IF NOT EXISTS events_recorded_at_brin ON events USING brin (recorded_at timestamptz_minmax_multi_ops)
  WITH (pages_per_range = 16, autosummarize = on);
DROP INDEX IF EXISTS events_recorded_at_idx;

-- hs_append, fifth cut: the fourth (20261204007100_append_stream_order) writing NULL for empty
-- metadata and subjects.
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

  -- 2. Optimistic concurrency: the stream row is locked, so racing writers are serialised.
  SELECT version, last_event_at INTO v_version, v_last_at FROM streams WHERE stream_id = v_stream FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO streams (stream_id, category, stream_hash) VALUES (v_stream, v_category, (p->>'streamHash')::integer)
      ON CONFLICT (stream_id) DO NOTHING;
    SELECT version, last_event_at INTO v_version, v_last_at FROM streams WHERE stream_id = v_stream FOR UPDATE;
  END IF;
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
  v_xid := pg_current_xact_id_if_assigned();
  IF v_xid IS NOT NULL AND v_version > 0 THEN
    SELECT tx_id INTO v_prev_tx FROM events WHERE stream_id = v_stream AND stream_version = v_version;
    IF v_prev_tx > v_xid THEN
      RAISE EXCEPTION USING ERRCODE = 'serialization_failure',
        MESSAGE = 'stream ' || v_stream || ' moved past this transaction in the log: retry the append in a new transaction',
        DETAIL = jsonb_build_object('streamId', v_stream, 'version', v_version)::text;
    END IF;
  END IF;

  SELECT cs.strict, cs.max_causation_depth, cs.max_correlation_per_hour INTO v_strict, v_max_depth, v_max_corr
    FROM category_settings cs WHERE cs.category = v_category;
  IF NOT FOUND THEN
    v_strict := false;
    v_max_depth := 100;
    v_max_corr := 10000;
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

  -- 7. The events, with recorded_at never earlier than the stream's previous event.
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
    RETURNING event_id, stream_version, global_position, recorded_at, size_bytes
  ), upd AS (
    UPDATE streams s SET version = v_version + v_n,
                         event_count = s.event_count + v_n,
                         bytes = s.bytes + (SELECT sum(size_bytes) FROM ins),
                         first_event_at = coalesce(s.first_event_at, (SELECT min(recorded_at) FROM ins)),
                         last_event_at = (SELECT max(recorded_at) FROM ins)
      WHERE s.stream_id = v_stream
  )
  SELECT jsonb_build_object('streamId', v_stream, 'fromVersion', v_version + 1, 'toVersion', v_version + v_n,
                            'positions', jsonb_agg(global_position ORDER BY stream_version))
    INTO v_result FROM ins;

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
