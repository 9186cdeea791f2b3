-- Legal holds (issue #8), shared by erasure (a held subject is not erased) and archiving (held
-- events are copied into sealed hold segments and never archived away). A hold names a subject,
-- a stream or a category; it stands while released_at is null and expires_at has not passed.
CREATE TABLE legal_holds (
  id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  scope       text        NOT NULL CHECK (scope IN ('subject', 'stream', 'category')),
  target      text        COLLATE "C" NOT NULL CHECK (length(target) BETWEEN 1 AND 200),
  reason      text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz,
  released_at timestamptz,
  released_by text,
  release_reason text
);

CREATE INDEX legal_holds_standing ON legal_holds (scope, target) WHERE released_at IS NULL;
