import type pg from "pg";
import type { TypedSql } from "../../lib/sql/typed-sql";

/** A result column as PostgreSQL describes it, with whether it can be null. */
export type DescribedColumn = { name: string; type: PgType; nullable: boolean };
export type PgType = { oid: number; name: string; category: string; element: string | null };
export type Described = { sql: TypedSql; params: PgType[]; columns: DescribedColumn[] };

type Field = { name: string; tableID: number; columnID: number; dataTypeID: number };

/**
 * Parse and Describe without executing, through pg's extension point for custom protocol
 * exchanges (a "submittable", as pg-cursor uses): what PREPARE knows, with column names.
 */
function parseAndDescribe(client: pg.Client, text: string): Promise<{ params: number[]; fields: Field[] }> {
  return new Promise((resolve, reject) => {
    let params: number[] = [];
    let fields: Field[] = [];
    type Connection = { parse: (m: object) => void; describe: (m: object) => void; sync: () => void; on: (e: string, f: (m: { dataTypeIDs: number[] }) => void) => void; removeListener: (e: string, f: unknown) => void };
    const onParams = (m: { dataTypeIDs: number[] }) => (params = m.dataTypeIDs);
    const submittable = {
      submit(connection: Connection) {
        connection.on("parameterDescription", onParams);
        connection.parse({ text, name: "", types: [] });
        connection.describe({ type: "S", name: "" });
        connection.sync();
      },
      handleRowDescription(m: { fields: Field[] }) {
        fields = m.fields;
      },
      // pg drops a failed exchange before ReadyForQuery arrives: this is its last call.
      handleError(e: Error, connection: Connection) {
        connection.removeListener("parameterDescription", onParams);
        reject(e);
      },
      handleReadyForQuery(connection: Connection) {
        connection.removeListener("parameterDescription", onParams);
        resolve({ params, fields });
      },
      handleParseComplete() {},
      handleCommandComplete() {},
      handleEmptyQuery() {},
      handleDataRow() {},
      handlePortalSuspended() {},
      handleCopyInResponse() {},
      handleCopyData() {},
    };
    client.query(submittable as unknown as pg.QueryConfig);
  });
}

/** Names, categories and element types of these type oids. */
async function typesOf(client: pg.Client, oids: number[]): Promise<Map<number, PgType>> {
  const { rows } = await client.query<{ oid: number; name: string; category: string; element: string | null }>(
    `SELECT t.oid::int AS oid, t.typname AS name, t.typcategory AS category, e.typname AS element
       FROM pg_type t LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
      WHERE t.oid = ANY($1::oid[])`,
    [oids],
  );
  return new Map(rows.map((r) => [r.oid, r]));
}

/** The statement's parameter and column types; a column taken straight from a NOT NULL column is not null. */
export async function describeStatement(client: pg.Client, sql: TypedSql): Promise<Described> {
  const { params, fields } = await parseAndDescribe(client, sql.text);
  const types = await typesOf(client, [...params, ...fields.map((f) => f.dataTypeID)]);
  const { rows: notNull } = await client.query<{ table: number; column: number }>(
    `SELECT a.attrelid::int AS table, a.attnum::int AS column FROM pg_attribute a
       JOIN unnest($1::oid[], $2::int[]) AS f(t, c) ON a.attrelid = f.t AND a.attnum = f.c
      WHERE a.attnotnull`,
    [fields.map((f) => f.tableID), fields.map((f) => f.columnID)],
  );
  const strict = new Set(notNull.map((r) => `${r.table}.${r.column}`));
  const names = new Set(fields.map((f) => f.name));
  for (const n of [...sql.notNull, ...sql.nullable, ...Object.keys(sql.json)]) {
    if (!names.has(n)) throw new Error(`names a column "${n}" the statement does not return (it returns ${[...names].join(", ")})`);
  }
  return {
    sql,
    params: params.map((oid) => types.get(oid)!),
    columns: fields.map((f) => ({
      name: f.name,
      type: types.get(f.dataTypeID)!,
      nullable: sql.nullable.includes(f.name) || (!(f.tableID !== 0 && strict.has(`${f.tableID}.${f.columnID}`)) && !sql.notNull.includes(f.name)),
    })),
  };
}
