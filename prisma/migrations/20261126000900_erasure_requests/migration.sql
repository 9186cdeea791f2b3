-- Erasure requests (issue #8): one row per "forget this person" request, moved through the states
-- of DESIGN.md by lib/compliance/ (every transition audited). knownValues (an e-mail to search
-- for) rest encrypted under a key of the request itself, wrapped by the master key; completion
-- destroys that key, so afterwards only their sha256 hashes remain.
CREATE TABLE erasure_requests (
  id                    uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id            text        COLLATE "C" NOT NULL CHECK (subject_id ~ '^[^\s:]{1,200}$'),
  reason                text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  status                text        NOT NULL DEFAULT 'received' CHECK (status IN
                          ('received', 'discovering', 'awaiting_approval', 'blocked_by_hold', 'approved',
                           'executing', 'verifying', 'completed', 'rejected', 'failed')),
  requested_by          text        NOT NULL,
  requested_by_label    text        NOT NULL,
  received_at           timestamptz NOT NULL DEFAULT now(),
  due_at                timestamptz NOT NULL,
  -- [{at, by, byLabel, days, reason, dueAt}]
  extensions            jsonb       NOT NULL DEFAULT '[]',
  known_values_sealed   bytea,
  request_key_wrapped   bytea,
  request_key_master_id text,
  known_value_hashes    text[]      NOT NULL DEFAULT '{}',
  -- {at, holdings: [...], holds: [...]}
  discovery             jsonb,
  blocking_holds        uuid[]      NOT NULL DEFAULT '{}',
  approved_by           text,
  approved_by_label     text,
  approved_at           timestamptz,
  rejected_by           text,
  rejected_by_label     text,
  rejected_at           timestamptz,
  rejection_reason      text,
  execution             jsonb,
  verification          jsonb,
  -- {phase, done, total, at}: what the execution and verification jobs are doing now
  progress              jsonb,
  failure               text,
  completed_at          timestamptz,
  -- [{at, from, to, by}]: the transitions, as the audit log records them
  history               jsonb       NOT NULL DEFAULT '[]',
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT erasure_requests_key_only_with_values CHECK (known_values_sealed IS NULL OR request_key_wrapped IS NOT NULL)
);

CREATE INDEX erasure_requests_open_due ON erasure_requests (due_at)
  WHERE status NOT IN ('completed', 'rejected', 'failed');
CREATE INDEX erasure_requests_subject ON erasure_requests (subject_id);
CREATE INDEX erasure_requests_received ON erasure_requests (received_at DESC, id DESC);
