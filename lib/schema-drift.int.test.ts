import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getPool } from "./db";

// schema.prisma is a model of what the migrations build: after every migration has run, each
// model's table has exactly its fields as columns, with the same nullability, defaults and types.

type Field = { column: string; type: string; optional: boolean; list: boolean; hasDefault: boolean };

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Boolean", "DateTime", "Json", "Bytes", "Decimal"]);
const UDT: Record<string, string[]> = {
  String: ["text", "uuid", "varchar", "bpchar"], Int: ["int4", "int2"], BigInt: ["int8"], Float: ["float8", "float4"], Boolean: ["bool"],
  DateTime: ["timestamptz", "timestamp", "date"], Json: ["jsonb", "json"], Bytes: ["bytea"], Decimal: ["numeric"],
};

function parseModels(schema: string): Map<string, Map<string, Field>> {
  const tables = new Map<string, Map<string, Field>>();
  for (const [, body] of schema.matchAll(/^model \w+ \{\n([\s\S]*?)\n\}/gm)) {
    const fields = new Map<string, Field>();
    for (const line of body.split("\n").map((l) => l.trim())) {
      const m = /^(\w+)\s+(Unsupported\("[^"]+"\)|\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!m || line.startsWith("//") || line.startsWith("@@")) continue;
      const [, name, type, list, optional, attrs] = m;
      if (!SCALARS.has(type) && !type.startsWith("Unsupported")) continue; // a relation, not a column
      const column = /@map\("(\w+)"\)/.exec(attrs)?.[1] ?? name;
      fields.set(column, { column, type, optional: !!optional, list: !!list, hasDefault: attrs.includes("@default(") });
    }
    const table = /@@map\("(\w+)"\)/.exec(body)?.[1];
    if (table) tables.set(table, fields);
  }
  return tables;
}

describe("schema.prisma against the migrated database", () => {
  const models = parseModels(fs.readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8"));

  it("models every column of every modelled table, with its nullability, default and type", async () => {
    const { rows } = await getPool().query<{ table_name: string; column_name: string; is_nullable: string; has_default: boolean; udt_name: string }>(
      `SELECT c.table_name, c.column_name, c.is_nullable, (c.column_default IS NOT NULL OR c.is_identity = 'YES') AS has_default, c.udt_name
         FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name = ANY($1::text[])`,
      [[...models.keys()]],
    );
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      const f = models.get(r.table_name)?.get(r.column_name);
      seen.add(`${r.table_name}.${r.column_name}`);
      if (!f) { problems.push(`${r.table_name}.${r.column_name}: column without a field`); continue; }
      if (f.type.startsWith("Unsupported")) continue;
      if (f.optional !== (r.is_nullable === "YES")) problems.push(`${r.table_name}.${r.column_name}: nullable ${r.is_nullable}, field ${f.optional ? "optional" : "required"}`);
      if (f.hasDefault !== r.has_default) problems.push(`${r.table_name}.${r.column_name}: database default ${r.has_default}, @default ${f.hasDefault}`);
      const udt = f.list ? r.udt_name.replace(/^_/, "") : r.udt_name;
      if (f.list !== r.udt_name.startsWith("_") || !UDT[f.type]?.includes(udt)) problems.push(`${r.table_name}.${r.column_name}: ${r.udt_name}, field ${f.type}${f.list ? "[]" : ""}`);
    }
    for (const [table, fields] of models) for (const column of fields.keys()) if (!seen.has(`${table}.${column}`)) problems.push(`${table}.${column}: field without a column`);
    expect(problems).toEqual([]);
  });

  it("has a model for every table the migrations create (partitions belong to their parent)", async () => {
    const { rows } = await getPool().query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> '_prisma_migrations'`,
    );
    expect(rows.map((r) => r.name).filter((t) => !models.has(t)).sort()).toEqual([]);
  });
});
