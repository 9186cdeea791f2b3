-- Projections: versions (blue/green), rebuild partitions, the live pointer, and the rows of every
-- version in one table partitioned by version, so discarding a version is a DROP, not a DELETE.

CREATE TABLE projection_versions (
  id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name             text        NOT NULL,
  -- The version of the projection's code this build runs.
  code_version     integer     NOT NULL,
  kind             text        NOT NULL DEFAULT 'build' CHECK (kind IN ('build', 'drill')),
  status           text        NOT NULL CHECK (status IN ('building', 'catching_up', 'live', 'previous', 'discarded', 'failed', 'parked')),
  paused           boolean     NOT NULL DEFAULT false,
  -- Replay covers every event with tx_id below the horizon (all of them committed when the
  -- rebuild started); following the log starts at (horizon, 0).
  horizon_tx       xid8        NOT NULL,
  partitions       integer     NOT NULL,
  replay_total     bigint      NOT NULL DEFAULT 0,
  -- The fenced follow checkpoint in log order.
  tx_id            xid8        NOT NULL,
  global_position  bigint      NOT NULL DEFAULT 0,
  events_followed  bigint      NOT NULL DEFAULT 0,
  rate             double precision,
  last_event_at    timestamptz,
  parked_event_id  uuid,
  parked_error     text,
  parked_at        timestamptz,
  skipped_events   uuid[]      NOT NULL DEFAULT '{}',
  error            text,
  created_by       text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  replay_done_at   timestamptz,
  caught_up_at     timestamptz,
  promoted_at      timestamptz,
  discarded_at     timestamptz
);
CREATE INDEX projection_versions_name_idx ON projection_versions (name, id);
-- One build per code version at a time (a discarded or failed one can be rebuilt).
CREATE UNIQUE INDEX projection_versions_one_build_idx ON projection_versions (name, code_version)
  WHERE kind = 'build' AND status NOT IN ('discarded', 'failed');

-- A rebuild's partitions: ranges of stream_hash (or the whole log for a projection whose key spans
-- streams), each replayed by one pg-boss job with a fenced checkpoint.
CREATE TABLE projection_partitions (
  version_id       bigint      NOT NULL REFERENCES projection_versions (id) ON DELETE CASCADE,
  partition        integer     NOT NULL,
  hash_from        integer     NOT NULL,
  hash_to          integer     NOT NULL,
  -- 'stream': ordered by (stream_hash, tx_id, global_position); 'log': by (tx_id, global_position).
  ordering         text        NOT NULL CHECK (ordering IN ('stream', 'log')),
  -- pending → queued (a job was sent) → running → done; paused/cancelled/failed on request or poison.
  status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'queued', 'running', 'paused', 'done', 'cancelled', 'failed')),
  dispatches       integer     NOT NULL DEFAULT 0,
  total            bigint      NOT NULL DEFAULT 0,
  done             bigint      NOT NULL DEFAULT 0,
  cp_hash          integer     NOT NULL DEFAULT -2147483648,
  cp_tx            xid8        NOT NULL DEFAULT '0',
  cp_position      bigint      NOT NULL DEFAULT 0,
  error            text,
  error_event_id   uuid,
  started_at       timestamptz,
  active_seconds   double precision NOT NULL DEFAULT 0,
  updated_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at      timestamptz,
  PRIMARY KEY (version_id, partition)
);

-- The live version of each projection, and the one it replaced (rollback target).
CREATE TABLE projection_live (
  name                 text        PRIMARY KEY,
  version_id           bigint      NOT NULL REFERENCES projection_versions (id),
  previous_version_id  bigint      REFERENCES projection_versions (id),
  switched_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  switched_by          text        NOT NULL
);

-- Rows of every version; each version gets its own partition projection_rows_v<id>.
CREATE TABLE projection_rows (
  version_id  bigint      NOT NULL,
  key         text        COLLATE "C" NOT NULL,
  state       jsonb       NOT NULL,
  PRIMARY KEY (version_id, key)
) PARTITION BY LIST (version_id);

-- Recovery drills: a rebuild into a scratch version, timed, then discarded.
CREATE TABLE projection_drills (
  id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text        NOT NULL,
  code_version  integer     NOT NULL,
  version_id    bigint      NOT NULL,
  partitions    integer     NOT NULL,
  events        bigint,
  status        text        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
  started_by    text        NOT NULL,
  started_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at   timestamptz,
  seconds       double precision
);
CREATE INDEX projection_drills_name_idx ON projection_drills (name, started_at);

-- Partition replays walk one range of stream_hash with each stream in log order.
CREATE INDEX events_hash_log_idx ON events (stream_hash, tx_id, global_position);
