import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { closeDb, getPool } from "../db";
import { countRefusal, flushRefusalCounts } from "./count-refusal";

// Refusals are tallied in the process and written in one statement: exact, and not lost on shutdown.

async function stored(category: string): Promise<Record<string, number>> {
  const { rows } = await getPool().query<{ reason: string; n: number }>(
    "SELECT reason, sum(count)::int AS n FROM append_refusals WHERE category = $1 GROUP BY reason",
    [category],
  );
  return Object.fromEntries(rows.map((r) => [r.reason, r.n]));
}

describe("counting refusals", () => {
  it("given many refusals counted at once, then the stored counts are exact per category and reason", async () => {
    const a = `refa${randomUUID().slice(0, 8)}`;
    const b = `refb${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 300; i++) countRefusal(a, "version_conflict");
    for (let i = 0; i < 7; i++) countRefusal(a, "idempotent_replay");
    for (let i = 0; i < 42; i++) countRefusal(b, "version_conflict");
    await Promise.all([flushRefusalCounts(), flushRefusalCounts()]);
    for (let i = 0; i < 5; i++) countRefusal(a, "version_conflict");
    await flushRefusalCounts();
    expect(await stored(a)).toEqual({ version_conflict: 305, idempotent_replay: 7 });
    expect(await stored(b)).toEqual({ version_conflict: 42 });
  });

  it("given counts not yet written when the process closes its database, then closing writes them", async () => {
    const c = `refc${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 3; i++) countRefusal(c, "duplicate_event_id");
    await closeDb();
    expect(await stored(c)).toEqual({ duplicate_event_id: 3 });
  });
});
