-- Webhook secrets are secrets (issue #13): entered once or generated, sealed under the master
-- key, shown masked (the hint is the last four characters), rotatable. Endpoints of release 0.1.0
-- that named an environment variable (secret_env) keep the name for the record only: Hindsight no
-- longer reads it, and such an endpoint signs nothing until someone gives it a new secret.
ALTER TABLE webhook_endpoints ADD COLUMN secret_hint text;
ALTER TABLE webhook_endpoints ADD COLUMN secret_rotated_at timestamptz;
COMMENT ON COLUMN webhook_endpoints.secret_env IS 'release 0.1.0 only: the environment variable it named; never read; the endpoint needs a new secret';
