-- Snapshots for time travel (issue #5). Hand-written like the store migration: a truncate trigger
-- and a seeded policy are beyond what Prisma's schema language says.

-- One folded state per stream and version, keyed by what produced it: a snapshot is only valid for
-- the reducer version and upcaster chain (hash) that folded it, so a code change never reads stale
-- state; invalid rows are ignored by reads and replaced by the take-snapshots job.
-- `state` holds PII as envelopes, exactly as the events do: never plaintext.
CREATE TABLE snapshots (
  stream_id       text        COLLATE "C" NOT NULL,
  stream_version  integer     NOT NULL CHECK (stream_version >= 1),
  reducer_version integer     NOT NULL,
  upcaster_hash   text        NOT NULL,
  state           jsonb       NOT NULL,
  size_bytes      integer     NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream_id, stream_version, reducer_version, upcaster_hash)
);

-- Take a snapshot every N events, per category (streams.version - snapshot_version >= N).
CREATE TABLE snapshot_policies (
  category       text        COLLATE "C" PRIMARY KEY,
  every_n_events integer     NOT NULL CHECK (every_n_events >= 1),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- The demo world's unbounded streams are the tickers.
INSERT INTO snapshot_policies (category, every_n_events) VALUES ('ticker', 1000);

-- Wiping the store (the demo seeder's --force/--reset truncates events) must take the snapshots
-- with it: a re-created stream with the same id would otherwise fold from another world's state.
CREATE FUNCTION hs_truncate_snapshots() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE snapshots;
  RETURN NULL;
END $$;

CREATE TRIGGER events_truncate_snapshots AFTER TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION hs_truncate_snapshots();
