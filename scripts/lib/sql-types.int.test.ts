import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { asOwner } from "../../lib/testing/owner-db";
import { describeStatement } from "./describe-statement";
import { loadRegisteredSql } from "./load-registered-sql";
import { renderSqlTypes } from "./render-sql-types";

// The row types of the hot-path SQL come from PostgreSQL itself: the committed file is what the
// migrated schema describes, and a statement the schema no longer fits is refused by name.

const root = path.resolve(__dirname, "..", "..");
const committed = fs.readFileSync(path.join(root, "lib", "generated", "sql-rows.ts"), "utf8");

describe("lib/generated/sql-rows.ts", () => {
  it("is what PostgreSQL describes for every registered statement after all migrations", async () => {
    const statements = await loadRegisteredSql(root);
    expect(statements.map((s) => s.name)).toEqual(expect.arrayContaining(["store.append", "store.read-log", "store.stream-range-forward", "growth.rollup-batch", "projections.replay-log-order"]));
    const hash = committed.split("\n")[1].replace("// inputs ", "");
    const described = await asOwner(async (c) => {
      const out = [];
      for (const s of statements) out.push(await describeStatement(c, s));
      return out;
    });
    expect(renderSqlTypes(described, hash)).toBe(committed);
  });

  it("types a NOT NULL column as never null, a nullable one and a computed one as maybe null", async () => {
    const sql = { name: "t", text: "SELECT stream_version, correlation_id, stream_version + 1 AS next FROM events WHERE stream_id = $1", notNull: [], nullable: [], json: {} };
    const d = await asOwner((c) => describeStatement(c, sql as never));
    expect(d.columns.map((c) => [c.name, c.type.name, c.nullable])).toEqual([
      ["stream_version", "int4", false],
      ["correlation_id", "uuid", true],
      ["next", "int4", true],
    ]);
    expect(d.params.map((p) => p.name)).toEqual(["text"]);
  });
});

describe("a column renamed by a migration", () => {
  it("makes the statements that name it fail with PostgreSQL's message, and the connection stays usable", async () => {
    const statements = await loadRegisteredSql(root);
    const readLog = statements.find((s) => s.name === "store.read-log")!;
    await asOwner(async (c) => {
      await c.query("ALTER TABLE events RENAME COLUMN causation_depth TO causal_depth");
      await expect(describeStatement(c, readLog)).rejects.toThrow('column "causation_depth" does not exist');
      const rollups = statements.find((s) => s.name === "growth.rollup-batch")!;
      expect((await describeStatement(c, rollups)).columns.map((col) => col.name)).toEqual(["n", "tx_id", "global_position"]);
    });
  });
});
