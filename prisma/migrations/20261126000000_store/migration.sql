-- The event store. Hand-written: Prisma cannot express xid8, identity columns or partial indexes.

CREATE TABLE events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id        uuid        NOT NULL,
  stream_id       text        COLLATE "C" NOT NULL,
  category        text        COLLATE "C" NOT NULL,
  stream_hash     integer     NOT NULL,
  stream_version  integer     NOT NULL,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  correlation_id  uuid,
  causation_id    uuid,
  causation_depth integer     NOT NULL DEFAULT 0,
  subjects        text[]      NOT NULL DEFAULT '{}',
  recorded_at     timestamptz NOT NULL,
  size_bytes      integer     NOT NULL,
  tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
  CONSTRAINT events_stream_version_positive CHECK (stream_version >= 1)
);

-- The global log order is (tx_id, global_position): every log reader pages on this index.
CREATE INDEX events_log_order_idx ON events (tx_id, global_position);
CREATE INDEX events_category_position_idx ON events (category, global_position);
CREATE INDEX events_correlation_idx ON events (correlation_id) WHERE correlation_id IS NOT NULL;
CREATE INDEX events_causation_idx ON events (causation_id) WHERE causation_id IS NOT NULL;
CREATE INDEX events_recorded_at_idx ON events (recorded_at);
CREATE INDEX events_stream_hash_idx ON events (stream_hash);
CREATE INDEX events_subjects_idx ON events USING gin (subjects) WHERE subjects <> '{}';

CREATE TABLE streams (
  stream_id         text        COLLATE "C" PRIMARY KEY,
  category          text        COLLATE "C" NOT NULL,
  stream_hash       integer     NOT NULL,
  version           integer     NOT NULL DEFAULT 0,
  event_count       bigint      NOT NULL DEFAULT 0,
  bytes             bigint      NOT NULL DEFAULT 0,
  first_event_at    timestamptz,
  last_event_at     timestamptz,
  snapshot_version  integer,
  archived_through  integer     NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX streams_category_idx ON streams (category, stream_id);
CREATE INDEX streams_last_event_idx ON streams (last_event_at DESC);

-- Request-level idempotency: outlives archiving, so it is not a column of events.
CREATE TABLE idempotency_keys (
  key          text        PRIMARY KEY,
  stream_id    text        COLLATE "C" NOT NULL,
  request_hash text        NOT NULL,
  response     jsonb       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Per-subject data keys, wrapped by the master key. A destroyed key keeps its row (tombstone).
CREATE TABLE subject_keys (
  subject_id    text        PRIMARY KEY,
  key_id        text        NOT NULL,
  wrapped_key   bytea,
  master_key_id text        NOT NULL,
  status        text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'destroyed')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  destroyed_at  timestamptz,
  CONSTRAINT subject_keys_destroyed_has_no_key CHECK (status = 'active' OR wrapped_key IS NULL)
);

-- Per-category settings: strictness and the two causation guards.
CREATE TABLE category_settings (
  category                 text    COLLATE "C" PRIMARY KEY,
  strict                   boolean NOT NULL DEFAULT false,
  max_causation_depth      integer NOT NULL DEFAULT 100,
  max_correlation_per_hour integer NOT NULL DEFAULT 10000,
  updated_at               timestamptz NOT NULL DEFAULT now()
);

-- Events per correlation per hour, kept by the append so the correlation guard costs one row.
CREATE TABLE correlation_counters (
  correlation_id uuid        NOT NULL,
  hour           timestamptz NOT NULL,
  count          integer     NOT NULL,
  PRIMARY KEY (correlation_id, hour)
);

-- Refused appends and idempotent replays, counted per hour (never one row each).
CREATE TABLE append_refusals (
  hour     timestamptz NOT NULL,
  category text        COLLATE "C" NOT NULL,
  reason   text        NOT NULL,
  count    bigint      NOT NULL,
  PRIMARY KEY (hour, category, reason)
);

CREATE TABLE hindsight_meta (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE worker_heartbeats (
  worker_id  text PRIMARY KEY,
  hostname   text NOT NULL,
  pid        integer NOT NULL,
  started_at timestamptz NOT NULL,
  beat_at    timestamptz NOT NULL
);
