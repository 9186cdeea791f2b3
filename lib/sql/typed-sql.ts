import type pg from "pg";
import type { SqlParams, SqlRows } from "../generated/sql-rows";

/** The name of a statement whose row type `npm run typecheck` derives from the migrated schema. */
export type SqlName = keyof SqlRows;

export type TypedSqlOptions = {
  /** Computed columns PostgreSQL cannot prove non-null (count(*), a scalar subquery) that are never null here. */
  notNull?: string[];
  /** Columns of a NOT NULL table column that can still be null here (the outer side of a LEFT JOIN). */
  nullable?: string[];
  /** json/jsonb columns and the type they hold, by a name lib/sql/json-types.ts exports. */
  json?: Record<string, string>;
  /**
   * Prepared once per connection under its name, then only bound and executed. For a statement run
   * on every append: parsing and planning its text each time cost PostgreSQL ~9% of an append's
   * CPU (16 writers, single events). A pooler in front of PostgreSQL must then keep protocol-level
   * prepared statements (PgBouncer 1.21+: max_prepared_statements).
   */
  prepared?: boolean;
};

/** A statement registered by name: its text, and (through lib/generated/sql-rows.ts) its parameter and row types. */
export type TypedSql<N extends SqlName = SqlName> = { readonly name: N; readonly text: string } & Required<Readonly<TypedSqlOptions>>;

type Queryable = { query: pg.Pool["query"] };

// Every statement registered so far: scripts/generate-sql-types.ts prepares each against a fresh database.
const registry = new Map<string, TypedSql>();

/**
 * Registers a hot-path statement under a unique name. Run `npm run typecheck` after adding or
 * changing one: it prepares the statement against the migrated schema and regenerates its types.
 */
export function typedSql<N extends SqlName>(name: N, text: string, opts: TypedSqlOptions = {}): TypedSql<N> {
  const known = registry.get(name);
  if (known && known.text !== text) throw new Error(`two different statements are registered as ${name}`);
  const sql = { name, text, notNull: opts.notNull ?? [], nullable: opts.nullable ?? [], json: opts.json ?? {}, prepared: opts.prepared ?? false };
  registry.set(name, sql);
  return sql;
}

/** Runs a registered statement through pg (a pool, or the client of the caller's transaction). */
export function runSql<N extends SqlName>(db: Queryable, sql: TypedSql<N>, params: SqlParams[N]): Promise<pg.QueryResult<SqlRows[N]>> {
  if (sql.prepared) return db.query<SqlRows[N]>({ name: sql.name, text: sql.text, values: params as unknown[] });
  return db.query<SqlRows[N]>(sql.text, params as unknown[]);
}

/** The row type of a registered statement. */
export type RowOf<S> = S extends TypedSql<infer N> ? SqlRows[N] : never;

/** The statements registered by the modules imported so far. */
export function registeredSql(): TypedSql[] {
  return [...registry.values()].sort((a, b) => a.name.localeCompare(b.name));
}
