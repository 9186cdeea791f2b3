import pg from "pg";

/** The role that owns the schema: migrations, pg-boss's install and its queues run as it. */
export const OWNER_ROLE = "hindsight_owner";
/** The role the app runs as: DML where it needs it, INSERT/SELECT only on audit_log, no DDL. */
export const RUNTIME_ROLE = "hindsight_app";

/** The group role that may read the read views (hindsight_read.<projection>) and nothing else. */
export const READER_ROLE = "hindsight_reader";

/** Schemas whose objects the owner role owns (pg-boss keeps its tables in its own). */
export const APP_SCHEMAS = ["public", "pgboss"] as const;

export type EnsureRolesOptions = { superuserUrl: string; database: string; ownerPassword: string; runtimePassword: string };

export type RoleUrls = { ownerUrl: string; runtimeUrl: string };

/**
 * Creates both roles (or resets their attributes and passwords), the database owned by the owner
 * role, and hands the owner every object an earlier release created as the superuser. Runs as a
 * superuser; idempotent, so every start of the embedded default calls it.
 */
export async function ensureRoles(opts: EnsureRolesOptions): Promise<RoleUrls> {
  await withClient(databaseUrl(opts.superuserUrl, "postgres"), async (c) => {
    for (const [role, password] of [[OWNER_ROLE, opts.ownerPassword], [RUNTIME_ROLE, opts.runtimePassword]] as const) {
      const { rowCount } = await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
      const verb = rowCount ? "ALTER" : "CREATE";
      await c.query(
        `${verb} ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${c.escapeLiteral(password)}`,
      );
    }
    // The group role applications' logins join to read hindsight_read.<projection> and nothing else.
    const reader = await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [READER_ROLE]);
    if (!reader.rowCount) await c.query(`CREATE ROLE ${READER_ROLE} NOLOGIN`);
    // Read-only views of server activity and settings, for the store-health panel and the oldest-transaction alert.
    await c.query(`GRANT pg_monitor TO ${RUNTIME_ROLE}`);
    const db = c.escapeIdentifier(opts.database);
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [opts.database]);
    await c.query(rowCount ? `ALTER DATABASE ${db} OWNER TO ${OWNER_ROLE}` : `CREATE DATABASE ${db} OWNER ${OWNER_ROLE}`);
    await c.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
    await c.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${RUNTIME_ROLE}`);
  });
  await withClient(databaseUrl(opts.superuserUrl, opts.database), (c) => transferOwnership(c, OWNER_ROLE));
  return {
    ownerUrl: roleUrl(opts.superuserUrl, opts.database, OWNER_ROLE, opts.ownerPassword),
    runtimeUrl: roleUrl(opts.superuserUrl, opts.database, RUNTIME_ROLE, opts.runtimePassword),
  };
}

/**
 * ALTER … OWNER for every schema, table, view, sequence, function and type in the app's schemas
 * that another role owns. REASSIGN OWNED cannot do this for the embedded default: the earlier
 * release's objects belong to the bootstrap superuser, whose objects PostgreSQL never reassigns.
 */
export async function transferOwnership(c: pg.ClientBase, owner: string): Promise<number> {
  const { rows } = await c.query<{ sql: string }>(
    `WITH s AS (SELECT oid, nspname FROM pg_namespace WHERE nspname = ANY($2::text[])),
          o AS (SELECT oid FROM pg_roles WHERE rolname = $1)
     SELECT format('ALTER SCHEMA %I OWNER TO %I', s.nspname, $1) AS sql FROM s WHERE (SELECT nspowner FROM pg_namespace WHERE oid = s.oid) <> (SELECT oid FROM o)
     UNION ALL
     SELECT format('ALTER %s %s OWNER TO %I',
                   CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                   c.oid::regclass, $1)
       FROM pg_class c JOIN s ON s.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relowner <> (SELECT oid FROM o)
        -- a sequence that belongs to a column moves with its table
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $1)
       FROM pg_proc p JOIN s ON s.oid = p.pronamespace
      WHERE p.proowner <> (SELECT oid FROM o)
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
     UNION ALL
     SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, $1)
       FROM pg_type t JOIN s ON s.oid = t.typnamespace
      WHERE t.typowner <> (SELECT oid FROM o) AND t.typtype IN ('e', 'd', 'r')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')`,
    [owner, APP_SCHEMAS],
  );
  for (const r of rows) await c.query(r.sql);
  return rows.length;
}

/**
 * What the runtime role may do, granted by the owner after every migration: DML on the app's
 * tables (and on tables the owner creates later, such as projection partitions and pg-boss queue
 * tables), only INSERT and SELECT on audit_log, nothing on the schema itself.
 */
export async function grantRuntime(c: pg.ClientBase, runtime: string): Promise<void> {
  const r = c.escapeIdentifier(runtime);
  const { rows } = await c.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname = ANY($1::text[])", [APP_SCHEMAS]);
  for (const { nspname } of rows) {
    const s = c.escapeIdentifier(nspname);
    await c.query(`REVOKE CREATE ON SCHEMA ${s} FROM PUBLIC`);
    await c.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
    await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
    await c.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
    await c.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${r}`);
    await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`);
    await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${r}`);
  }
  // The audit trail only grows; the migrations' bookkeeping is the owner's.
  await c.query(`REVOKE ALL ON audit_log FROM PUBLIC, ${r}`);
  await c.query(`GRANT SELECT, INSERT ON audit_log TO ${r}`);
  await c.query(`REVOKE ALL ON _prisma_migrations FROM PUBLIC, ${r}`);
  await c.query(`GRANT SELECT ON _prisma_migrations TO ${r}`);
}

/** The same server and database, as another role. */
export function roleUrl(url: string, database: string, role: string, password: string): string {
  const u = new URL(databaseUrl(url, database));
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** The same server, another database. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The role a URL signs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** Runs fn on a connection of its own and closes it. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
