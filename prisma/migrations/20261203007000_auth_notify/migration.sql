-- Processes cache API-token callers (the node:http fast path); any change that can end or narrow a
-- token's rights NOTIFYs them, and the NOTIFY is delivered only if the change commits.
CREATE FUNCTION hs_notify_auth_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hindsight_auth', TG_TABLE_NAME);
  RETURN NULL;
END $$;

-- last_used_at is left out on purpose: it changes every minute and ends nobody's rights.
CREATE TRIGGER api_tokens_notify_auth AFTER UPDATE OF revoked_at, scopes, owner_id, token_hash OR DELETE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION hs_notify_auth_change();
CREATE TRIGGER users_notify_auth AFTER UPDATE OF role, status, session_version OR DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION hs_notify_auth_change();
