-- API tokens can expire (issue #13): NULL means never; an expired token gets 401 token_expired.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
