-- Sign-in, roles, API tokens and the tamper-evident audit log.

CREATE TABLE users (
  id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  email            text        NOT NULL,
  name             text        NOT NULL,
  role             text        NOT NULL CHECK (role IN ('viewer', 'support', 'ops', 'compliance', 'admin')),
  -- NULL for people who only sign in through the company's OpenID Connect provider.
  password_hash    text,
  status           text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  -- Every session carries the version it was issued under; bumping it ends them all at once.
  session_version  integer     NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at  timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE api_tokens (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text        NOT NULL,
  -- SHA-256 of the whole token, hex: a lookup by hash costs one index probe.
  token_hash    text        NOT NULL,
  -- The first characters of the token, so people can tell their tokens apart.
  prefix        text        NOT NULL,
  scopes        text[]      NOT NULL,
  owner_id      uuid        NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  revoked_by    text,
  CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX api_tokens_owner_idx ON api_tokens (owner_id);

CREATE TABLE audit_log (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_id    text        NOT NULL,
  actor_label text        NOT NULL,
  action      text        NOT NULL,
  target      text,
  ip          text,
  user_agent  text,
  details     jsonb       NOT NULL DEFAULT '{}'::jsonb,
  prev_hash   text        NOT NULL,
  hash        text        NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);

-- Append-only: the application never updates or deletes an entry. A superuser can still switch
-- this off, which is why every row is also hash-chained to the one before it.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Denied attempts are counted per hour, actor and permission; only the first of each gets an audit entry.
CREATE TABLE permission_denials (
  hour        timestamptz NOT NULL,
  actor_id    text        NOT NULL,
  permission  text        NOT NULL,
  count       bigint      NOT NULL,
  last_at     timestamptz NOT NULL,
  PRIMARY KEY (hour, actor_id, permission)
);

-- Failed sign-ins per fixed window, by account (e-mail) and by address.
CREATE TABLE sign_in_failures (
  scope         text        NOT NULL CHECK (scope IN ('account', 'ip')),
  key           text        NOT NULL,
  window_start  timestamptz NOT NULL,
  failures      integer     NOT NULL,
  PRIMARY KEY (scope, key, window_start)
);
