-- The runtime role has no DDL: a projection version's rows partition is created and dropped by
-- these functions, which run as their owner (the schema owner) with a pinned search_path.

CREATE FUNCTION hs_create_rows_partition(p_version_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF p_version_id IS NULL OR p_version_id <= 0 THEN
    RAISE EXCEPTION 'not a projection version id: %', p_version_id USING ERRCODE = '22023';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM public.projection_versions WHERE id = p_version_id) THEN
    RAISE EXCEPTION 'no projection version %', p_version_id USING ERRCODE = '22023';
  END IF;
  -- The name and the bound are built from the integer alone.
  EXECUTE format('CREATE TABLE public.%I PARTITION OF public.projection_rows FOR VALUES IN (%s)',
                 'projection_rows_v' || p_version_id, p_version_id);
END $$;

CREATE FUNCTION hs_drop_rows_partition(p_version_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  part regclass;
BEGIN
  IF p_version_id IS NULL OR p_version_id <= 0 THEN
    RAISE EXCEPTION 'not a projection version id: %', p_version_id USING ERRCODE = '22023';
  END IF;
  -- Only a partition of projection_rows by that exact name is ever dropped.
  SELECT i.inhrelid::regclass INTO part
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
   WHERE i.inhparent = 'public.projection_rows'::regclass
     AND c.relnamespace = 'public'::regnamespace
     AND c.relname = 'projection_rows_v' || p_version_id;
  IF part IS NOT NULL THEN
    EXECUTE format('DROP TABLE %s', part);
  END IF;
END $$;

REVOKE ALL ON FUNCTION hs_create_rows_partition(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION hs_drop_rows_partition(bigint) FROM PUBLIC;
