-- The index of a source store (HINDSIGHT_SOURCE_KIND: Emmett, Message DB, Marten) in Hindsight's own
-- database (issue #16). A read-only role cannot add indexes to the source, and rebuild partitions need
-- a stream hash the source lacks, so the live follower (lib/source/index/) copies each event's
-- place and links here; payloads stay in the source and are read from it.
-- Hand-written: the log order is an xid8 pair, which Prisma cannot express.

CREATE TABLE source_events (
  -- The index's own log order, written by the follower's transactions: every reader of the index
  -- uses the same gap-safe (tx_id, global_position) order as readers of `events`.
  global_position bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
  -- The source's own global position (Emmett global_position, Message DB global_position, Marten seq_id).
  source_position bigint      NOT NULL,
  -- Text: every store's ids are uuids today, but Emmett stores them as text and nothing forces it.
  event_id        text        NOT NULL,
  stream_id       text        COLLATE "C" NOT NULL,
  -- 1-based on every source (Message DB's 0-based position + 1).
  stream_version  integer     NOT NULL,
  category        text        COLLATE "C" NOT NULL,
  stream_hash     integer     NOT NULL,
  type            text        NOT NULL,
  -- Text: Message DB correlates by stream name, not by id.
  correlation_id  text,
  causation_id    text,
  causation_depth integer     NOT NULL DEFAULT 0,
  recorded_at     timestamptz NOT NULL,
  tenant          text,
  size_bytes      integer     NOT NULL DEFAULT 0,
  -- Data subjects whose PII the event holds, by the paths and subject the domain declares for its
  -- type (a source keeps PII in clear): erasure discovery and the subject search read this.
  subjects        text[]      NOT NULL DEFAULT '{}'
);
CREATE INDEX source_events_log_order_idx ON source_events (tx_id, global_position);
CREATE INDEX source_events_event_id_idx ON source_events (event_id);
CREATE INDEX source_events_stream_idx ON source_events (stream_id, stream_version);
CREATE INDEX source_events_hash_log_idx ON source_events (stream_hash, tx_id, global_position);
CREATE INDEX source_events_correlation_idx ON source_events (correlation_id) WHERE correlation_id IS NOT NULL;
CREATE INDEX source_events_causation_idx ON source_events (causation_id) WHERE causation_id IS NOT NULL;
CREATE INDEX source_events_recorded_at_idx ON source_events (recorded_at);
CREATE INDEX source_events_category_idx ON source_events (category);
CREATE INDEX source_events_subjects_idx ON source_events USING gin (subjects) WHERE subjects <> '{}';

-- Streams of the source as the index has seen them: the streams browser and search read this.
CREATE TABLE source_streams (
  stream_id      text        COLLATE "C" PRIMARY KEY,
  category       text        COLLATE "C" NOT NULL,
  stream_hash    integer     NOT NULL,
  version        integer     NOT NULL DEFAULT 0,
  event_count    bigint      NOT NULL DEFAULT 0,
  bytes          bigint      NOT NULL DEFAULT 0,
  first_event_at timestamptz,
  last_event_at  timestamptz,
  -- The version of the newest snapshot Hindsight keeps of the stream (snapshots stay in Hindsight's database).
  snapshot_version integer,
  -- The same searchable activity range as streams.active_range (lib/store/search-streams.ts).
  active_range   tstzrange   GENERATED ALWAYS AS (tstzrange(first_event_at, last_event_at, '[]')) STORED
);
CREATE INDEX source_streams_active_range_idx ON source_streams USING gist (active_range) INCLUDE (stream_id, category, version);
CREATE INDEX source_streams_category_idx ON source_streams (category, stream_id);
CREATE INDEX source_streams_last_event_idx ON source_streams (last_event_at DESC);

-- The follower's checkpoint: the source's opaque cursor, moved in the same transaction as the rows
-- it copied (exactly once across restarts), and which source it belongs to.
CREATE TABLE source_index_state (
  id           boolean     PRIMARY KEY DEFAULT true CHECK (id),
  source_key   text        NOT NULL,
  cursor       text,
  events       bigint      NOT NULL DEFAULT 0,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  caught_up_at timestamptz
);

-- Rollups of the index have their own checkpoint: its positions are the index's, not the events table's.
INSERT INTO log_checkpoints (name) VALUES ('source_rollups_hourly');
