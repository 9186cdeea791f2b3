// Part of `npm run typecheck`: the parameter and row types of every statement registered with
// typedSql() (lib/sql/typed-sql.ts), as PostgreSQL describes them after all migrations, written to
// lib/generated/sql-rows.ts. A renamed or retyped column then fails tsc instead of a request.
// The database is a throwaway embedded PostgreSQL; nothing is started when no input changed.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureRoles } from "../lib/db-roles";
import { startCluster } from "../lib/embedded-postgres";
import { migrate } from "../lib/migrate";
import type { TypedSql } from "../lib/sql/typed-sql";
import { freePort } from "../lib/testing/global-setup";
import { describeStatement, type Described } from "./lib/describe-statement";
import { loadRegisteredSql } from "./lib/load-registered-sql";
import { renderSqlTypes } from "./lib/render-sql-types";

const root = path.resolve(__dirname, "..");
const OUT = path.join(root, "lib", "generated", "sql-rows.ts");

/** What the generated file depends on: this generator, the migrations and the statements. */
function inputsHash(statements: TypedSql[]): string {
  const h = createHash("sha256");
  for (const f of [__filename, path.join(__dirname, "lib", "describe-statement.ts"), path.join(__dirname, "lib", "render-sql-types.ts"), path.join(__dirname, "lib", "load-registered-sql.ts")]) h.update(fs.readFileSync(f));
  const migrations = path.join(root, "prisma", "migrations");
  for (const m of fs.readdirSync(migrations).sort()) {
    const file = path.join(migrations, m, "migration.sql");
    if (fs.existsSync(file)) h.update(m).update(fs.readFileSync(file));
  }
  h.update(JSON.stringify(statements));
  return h.digest("hex");
}

async function main() {
  const started = performance.now();
  const statements = await loadRegisteredSql(root);
  const hash = inputsHash(statements);
  if (!process.argv.includes("--force") && fs.existsSync(OUT) && fs.readFileSync(OUT, "utf8").includes(`inputs ${hash}`)) {
    console.log(`sql types: ${statements.length} statements, up to date`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-sql-types-"));
  const cluster = await startCluster({ dir, port: await freePort(), settings: { fsync: "off" } });
  const failures: string[] = [];
  const described: Described[] = [];
  try {
    const roles = await ensureRoles({ superuserUrl: cluster.url("postgres"), database: "hindsight_types", ownerPassword: "types", runtimePassword: "types" });
    await migrate(roles.ownerUrl);
    const client = new pg.Client({ connectionString: roles.ownerUrl });
    await client.connect();
    try {
      for (const s of statements) {
        try {
          described.push(await describeStatement(client, s));
        } catch (e) {
          failures.push(`${s.name}: ${(e as Error).message}`);
        }
      }
    } finally {
      await client.end();
    }
  } finally {
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`sql types: PostgreSQL refused ${failures.length} registered statement(s) against the migrated schema:\n${failures.map((f) => `  ${f}`).join("\n")}`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, renderSqlTypes(described, hash));
  console.log(`sql types: ${statements.length} statements described in ${Math.round(performance.now() - started)} ms`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
