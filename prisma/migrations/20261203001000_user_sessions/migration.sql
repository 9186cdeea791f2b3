-- Sessions the server can end (issue #13): every sign-in records a row, the session cookie names
-- it, and every request checks it. Signing out revokes that row; "sign out everywhere" revokes
-- all of a user's rows. Cookies issued before this migration name no row and are refused.
CREATE TABLE user_sessions (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id        uuid        NOT NULL REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz,
  revoked_reason text        CHECK (revoked_reason IN ('sign_out', 'sign_out_everywhere', 'disabled'))
);
CREATE INDEX user_sessions_user_idx ON user_sessions (user_id) WHERE revoked_at IS NULL;
CREATE INDEX user_sessions_expires_idx ON user_sessions (expires_at);
