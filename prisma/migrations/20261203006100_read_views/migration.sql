-- Projections the user's applications read: one stable view per projection in the schema
-- hindsight_read, selecting the live version by a lookup in projection_live, so promote and
-- rollback (an UPDATE of projection_live) switch it with no DDL and no lock on the view.

-- When a row last changed: the view shows it. Adding a column with a constant default rewrites nothing.
ALTER TABLE projection_rows ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE SCHEMA IF NOT EXISTS hindsight_read;

-- The group role applications' login roles are granted (GRANT hindsight_reader TO my_app): it may
-- read hindsight_read and nothing else. Created only where the migrating role may create roles.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hindsight_reader') THEN
    IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
      CREATE ROLE hindsight_reader NOLOGIN;
    ELSE
      RAISE NOTICE 'hindsight_reader not created (no CREATEROLE): create it and GRANT USAGE ON SCHEMA hindsight_read to it';
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hindsight_reader') THEN
    GRANT USAGE ON SCHEMA hindsight_read TO hindsight_reader;
  END IF;
END $$;

-- Creates or updates the view of one projection: key, state, version (the projection's code
-- version), updated_at, plus the declared columns read out of state. Views run with their
-- owner's rights, so a reader needs no access to the tables behind them. A definer function, so
-- the runtime role can keep the views in step with the domain without owning DDL rights itself.
-- `columns` is [{"name": "plan", "type": "text"}, ...]; names and types are checked here.
CREATE FUNCTION hs_sync_read_view(p_name text, p_columns jsonb DEFAULT '[]') RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  view_name text;
  extra text := '';
  col jsonb;
  signature text;
BEGIN
  IF p_name !~ '^[a-z][a-z0-9-]{0,62}$' THEN RAISE EXCEPTION 'projection name %: lower-case letters, digits and -', p_name; END IF;
  view_name := replace(p_name, '-', '_');
  FOR col IN SELECT * FROM jsonb_array_elements(coalesce(p_columns, '[]')) LOOP
    IF NOT (col->>'name' ~ '^[a-z][a-z0-9_]{0,62}$') OR col->>'name' IN ('key', 'state', 'version', 'updated_at') THEN
      RAISE EXCEPTION 'view column %: lower-case letters, digits and _, not key/state/version/updated_at', col->>'name';
    END IF;
    IF col->>'type' NOT IN ('text', 'numeric', 'bigint', 'boolean', 'timestamptz', 'jsonb') THEN
      RAISE EXCEPTION 'view column % has type %: text, numeric, bigint, boolean, timestamptz or jsonb', col->>'name', col->>'type';
    END IF;
    extra := extra || format(', %s', CASE WHEN col->>'type' = 'jsonb' THEN format('r.state -> %L AS %I', col->>'name', col->>'name')
                                            ELSE format('(r.state ->> %L)::%s AS %I', col->>'name', col->>'type', col->>'name') END);
  END LOOP;
  signature := md5(p_name || coalesce(p_columns::text, ''));
  -- Unchanged: no DDL, so readers are never blocked by a restart.
  IF obj_description(to_regclass(format('hindsight_read.%I', view_name)), 'pg_class') = signature THEN RETURN view_name; END IF;
  EXECUTE format('DROP VIEW IF EXISTS hindsight_read.%I', view_name);
  EXECUTE format(
    'CREATE VIEW hindsight_read.%I AS SELECT r.key, r.state, v.code_version AS version, r.updated_at%s
       FROM projection_live l JOIN projection_versions v ON v.id = l.version_id JOIN projection_rows r ON r.version_id = l.version_id
      WHERE l.name = %L', view_name, extra, p_name);
  EXECUTE format('COMMENT ON VIEW hindsight_read.%I IS %L', view_name, signature);
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hindsight_reader') THEN
    EXECUTE format('GRANT SELECT ON hindsight_read.%I TO hindsight_reader', view_name);
  END IF;
  RETURN view_name;
END $fn$;

-- Only the owner (and roles it grants, such as a runtime role) may reshape hindsight_read.
REVOKE ALL ON FUNCTION hs_sync_read_view(text, jsonb) FROM PUBLIC;
