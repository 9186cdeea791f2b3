-- Scheduled recovery drills: the minute tick records the last minute it started a drill of each
-- projection (so a tick delivered twice starts it once), and each drill keeps the objective it was
-- measured against and what started it.
CREATE TABLE projection_drill_ticks (
  name         text        PRIMARY KEY,
  last_minute  timestamptz NOT NULL
);

ALTER TABLE projection_drills
  ADD COLUMN rto_seconds double precision CHECK (rto_seconds > 0),
  ADD COLUMN trigger     text NOT NULL DEFAULT 'manual' CHECK (trigger IN ('manual', 'schedule'));
