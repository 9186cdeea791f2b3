-- Hourly rollups of the event log (issue #4): the growth page and API read these, never `events`.
-- Hand-written: the checkpoint is an xid8 pair, which Prisma cannot express.

CREATE TABLE rollups_hourly (
  bucket   timestamptz NOT NULL,
  category text        COLLATE "C" NOT NULL,
  type     text        NOT NULL,
  count    bigint      NOT NULL,
  bytes    bigint      NOT NULL,
  PRIMARY KEY (bucket, category, type)
);

-- One row per log reader that keeps derived data; the (tx_id, global_position) pair is the gap-safe
-- checkpoint, and every write of it is fenced on the pair last seen.
CREATE TABLE log_checkpoints (
  name            text        PRIMARY KEY,
  tx_id           xid8        NOT NULL DEFAULT '0',
  global_position bigint      NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  -- When a pass last found nothing left to read: the rollup lag in seconds is measured from it.
  caught_up_at    timestamptz NOT NULL DEFAULT now()
);
INSERT INTO log_checkpoints (name) VALUES ('rollups_hourly');

-- No NOTIFY trigger on events: NOTIFY holds a cluster-wide lock until the commit is flushed, which
-- serialised concurrent appends (the foundation bench measured 16 writers at ~260/s with it,
-- ~1 300/s without). Writers send a debounced pg_notify of their own instead (lib/store/notify-appended.ts).

-- Wiping the store (the demo seeder's --force/--reset) would leave rollups counting events that are
-- gone and a checkpoint past positions that restart: reset both with it, in the same transaction.
CREATE FUNCTION hs_reset_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE rollups_hourly;
  UPDATE log_checkpoints SET tx_id = '0', global_position = 0, updated_at = now() WHERE name = 'rollups_hourly';
  RETURN NULL;
END $$;

CREATE TRIGGER events_reset_rollups AFTER TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION hs_reset_rollups();
