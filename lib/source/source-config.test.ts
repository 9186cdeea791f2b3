import { describe, expect, it } from "vitest";
import { logOrderSql } from "./log-order";
import { sourceConfigFromEnv } from "./source-config";

describe("sourceConfigFromEnv", () => {
  it("means Hindsight's own store when nothing is set", () => {
    expect(sourceConfigFromEnv({})).toEqual({ kind: "hindsight" });
  });

  it("reads a source's kind, URL and schema", () => {
    expect(sourceConfigFromEnv({ HINDSIGHT_SOURCE_KIND: "marten", HINDSIGHT_SOURCE_URL: "postgresql://r@db/app", HINDSIGHT_SOURCE_SCHEMA: "orders" })).toEqual({
      kind: "marten",
      url: "postgresql://r@db/app",
      schema: "orders",
    });
  });

  it("names the variable that is wrong", () => {
    expect(() => sourceConfigFromEnv({ HINDSIGHT_SOURCE_KIND: "kafka", HINDSIGHT_SOURCE_URL: "postgresql://x/y" })).toThrow(/HINDSIGHT_SOURCE_KIND=kafka/);
    expect(() => sourceConfigFromEnv({ HINDSIGHT_SOURCE_KIND: "emmett" })).toThrow(/needs HINDSIGHT_SOURCE_URL/);
    expect(() => sourceConfigFromEnv({ HINDSIGHT_SOURCE_URL: "postgresql://x/y" })).toThrow(/HINDSIGHT_SOURCE_KIND is not/);
    expect(() => sourceConfigFromEnv({ HINDSIGHT_SOURCE_KIND: "emmett", HINDSIGHT_SOURCE_URL: "postgresql://x/y", HINDSIGHT_SOURCE_SCHEMA: 'a"; drop' })).toThrow(/HINDSIGHT_SOURCE_SCHEMA/);
  });
});

describe("logOrderSql", () => {
  it("reads strictly after the cursor, below the oldest running transaction, in (tx, position) order", () => {
    const sql = logOrderSql({ select: "*", from: "emt_messages m", tx: "m.transaction_id", position: "m.global_position", afterTx: "$1", afterPosition: "$2", where: ["m.message_kind = 'E'"], limit: "$3" });
    expect(sql).toContain("(m.transaction_id, m.global_position) > ($1::xid8, $2::bigint)");
    expect(sql).toContain("m.transaction_id < pg_snapshot_xmin(pg_current_snapshot())");
    expect(sql).toContain("AND m.message_kind = 'E'");
    expect(sql).toMatch(/ORDER BY m\.transaction_id, m\.global_position\s+LIMIT \$3/);
  });
});
