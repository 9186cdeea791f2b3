-- Alerting (issue #4): rules of pluggable kinds (lib/alerts/rule-kinds.ts), the alerts they open
-- and resolve, their history, silences, and webhook notification through an outbox.

CREATE TABLE alert_rules (
  id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  name              text        NOT NULL,
  kind              text        NOT NULL,
  params            jsonb       NOT NULL DEFAULT '{}'::jsonb,
  severity          text        NOT NULL DEFAULT 'warning' CHECK (severity IN ('info', 'warning', 'critical')),
  enabled           boolean     NOT NULL DEFAULT true,
  created_by        text        NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        text,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  -- The fence of evaluation: an evaluation writes only if its `now` is later than the last one's,
  -- so two evaluations racing (or a slow one finishing late) cannot undo each other.
  last_evaluated_at timestamptz,
  last_error        text
);

-- One row per firing episode of (rule, key): a key that fires again after resolving opens a new row,
-- so the table is also the history. At most one firing row per (rule, key), whoever evaluates.
CREATE TABLE alerts (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule_id         uuid        NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
  key             text        NOT NULL,
  state           text        NOT NULL CHECK (state IN ('firing', 'resolved')),
  severity        text        NOT NULL,
  category        text,
  href            text,
  summary         text        NOT NULL,
  details         jsonb       NOT NULL DEFAULT '{}'::jsonb,
  fired_at        timestamptz NOT NULL,
  last_seen_at    timestamptz NOT NULL,
  resolved_at     timestamptz,
  -- Muted by a silence: recorded and shown, but no webhook while it is.
  silenced        boolean     NOT NULL DEFAULT false,
  -- A firing webhook went out (so the resolution is notified too).
  notified        boolean     NOT NULL DEFAULT false,
  acknowledged_by text,
  acknowledged_at timestamptz,
  ack_comment     text,
  CONSTRAINT alerts_resolved_has_time CHECK ((state = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE UNIQUE INDEX alerts_one_firing_idx ON alerts (rule_id, key) WHERE state = 'firing';
CREATE INDEX alerts_recent_idx ON alerts (fired_at DESC);

CREATE TABLE alert_events (
  id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id bigint      NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  at       timestamptz NOT NULL,
  event    text        NOT NULL CHECK (event IN ('fired', 'resolved', 'acknowledged', 'silenced', 'unsilenced')),
  summary  text,
  details  jsonb       NOT NULL DEFAULT '{}'::jsonb,
  actor    text
);
CREATE INDEX alert_events_alert_idx ON alert_events (alert_id, at);

-- A silence mutes one rule, or every finding naming one category, until ends_at (or until expired).
CREATE TABLE alert_silences (
  id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_id    uuid        REFERENCES alert_rules (id) ON DELETE CASCADE,
  category   text,
  reason     text        NOT NULL,
  starts_at  timestamptz NOT NULL DEFAULT now(),
  ends_at    timestamptz NOT NULL,
  created_by text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expired_by text,
  CONSTRAINT alert_silences_one_target CHECK ((rule_id IS NULL) <> (category IS NULL)),
  CONSTRAINT alert_silences_ends_after_start CHECK (ends_at > starts_at)
);

-- The signing secret is generated, wrapped by the master key (AES-256-GCM, as subject keys are)
-- and shown once; or read from an environment variable named here, so it never sits in the database.
CREATE TABLE webhook_endpoints (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  name           text        NOT NULL,
  url            text        NOT NULL,
  secret_wrapped bytea,
  master_key_id  text,
  secret_env     text,
  enabled        boolean     NOT NULL DEFAULT true,
  created_by     text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT webhook_endpoints_one_secret CHECK ((secret_wrapped IS NULL) <> (secret_env IS NULL))
);

-- The outbox: rows are written in the transaction that changes the alert, and sent after. The
-- unique key makes a transition notify each endpoint once, however many evaluations see it.
CREATE TABLE webhook_deliveries (
  id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  endpoint_id     uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  alert_id        bigint      REFERENCES alerts (id) ON DELETE CASCADE,
  event           text        NOT NULL CHECK (event IN ('firing', 'resolved', 'test')),
  body            text        NOT NULL,
  status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  response_code   integer,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz
);
CREATE UNIQUE INDEX webhook_deliveries_once_idx ON webhook_deliveries (endpoint_id, alert_id, event) WHERE alert_id IS NOT NULL;
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_alert_idx ON webhook_deliveries (alert_id, created_at);

-- Every attempt, for the delivery log.
CREATE TABLE webhook_attempts (
  id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id   uuid        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt       integer     NOT NULL,
  at            timestamptz NOT NULL,
  response_code integer,
  error         text,
  duration_ms   integer     NOT NULL
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, attempt);

-- Store-health samples (table and index sizes over time), one row per relation per sample.
CREATE TABLE store_size_samples (
  at          timestamptz NOT NULL,
  relation    text        NOT NULL,
  table_bytes bigint      NOT NULL,
  index_bytes bigint      NOT NULL,
  PRIMARY KEY (relation, at)
);
