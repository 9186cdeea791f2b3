import { afterEach, describe, expect, it } from "vitest";
import { closeSource, getSource } from "./open-source";

// Opening a source connects to nothing yet (pools are lazy), so the kind each variable picks can be checked without a database.
const ENV = ["HINDSIGHT_SOURCE_KIND", "HINDSIGHT_SOURCE_URL", "HINDSIGHT_SOURCE_SCHEMA"] as const;

afterEach(async () => {
  await closeSource();
  for (const k of ENV) delete process.env[k];
});

describe("getSource", () => {
  it.each(["emmett", "message-db", "marten"] as const)("opens the %s adapter when HINDSIGHT_SOURCE_KIND names it", (kind) => {
    process.env.HINDSIGHT_SOURCE_KIND = kind;
    process.env.HINDSIGHT_SOURCE_URL = "postgresql://reader@127.0.0.1:1/store";
    const source = getSource();
    expect(source.kind).toBe(kind);
    expect(source.capabilities.append.ok).toBe(false);
  });

  it("re-opens the other adapter when the kind changes", () => {
    process.env.HINDSIGHT_SOURCE_URL = "postgresql://reader@127.0.0.1:1/store";
    process.env.HINDSIGHT_SOURCE_KIND = "message-db";
    expect(getSource().kind).toBe("message-db");
    process.env.HINDSIGHT_SOURCE_KIND = "marten";
    process.env.HINDSIGHT_SOURCE_SCHEMA = "events";
    expect(getSource().kind).toBe("marten");
  });
});
