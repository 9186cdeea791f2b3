import { expect, it } from "vitest";
import { systemActor } from "../../../lib/audit/actor";
import { getPool } from "../../../lib/db";
import { buildInline } from "../../../lib/projections/build-inline";
import { diffVersions } from "../../../lib/projections/diff-versions";
import { startRebuild } from "../../../lib/projections/start-rebuild";
import { isEnvelope } from "../../../lib/schema/envelope";
import { seedDemoProjections } from "./demo-projections";
import { seedDemoWorld } from "./seed-demo-world";

it("the demo world's live account balances are wrong exactly where v2's diff repairs them", { timeout: 180_000 }, async () => {
  await seedDemoWorld({ events: 4_000, days: 90, seed: 42, log: () => undefined });
  await seedDemoProjections({ log: () => undefined });
  const pool = getPool();
  const live = await pool.query<{ name: string; code_version: number; version_id: number }>(
    "SELECT l.name, v.code_version, l.version_id FROM projection_live l JOIN projection_versions v ON v.id = l.version_id ORDER BY l.name",
  );
  expect(live.rows.map((r) => [r.name, r.code_version])).toEqual([["account-balances", 1], ["order-totals", 1], ["user-directory", 1]]);

  // The truth, from the events themselves.
  const { rows: truth } = await pool.query<{ stream_id: string; balance: string; withdrawn: string }>(
    `SELECT stream_id, sum(CASE type WHEN 'FundsDeposited' THEN (data->>'amount')::numeric WHEN 'FundsWithdrawn' THEN -(data->>'amount')::numeric ELSE 0 END) AS balance,
            sum(CASE WHEN type = 'FundsWithdrawn' THEN (data->>'amount')::numeric ELSE 0 END) AS withdrawn
       FROM events WHERE category = 'account' GROUP BY stream_id ORDER BY stream_id`,
  );
  const withdrew = truth.filter((t) => Number(t.withdrawn) > 0);
  expect(withdrew.length).toBeGreaterThan(0);
  expect(withdrew.length).toBeLessThan(truth.length);

  const blue = live.rows[0].version_id;
  const green = (await startRebuild({ name: "account-balances", codeVersion: 2, partitions: 2, actor: systemActor("test") })).versionId;
  await buildInline(green);
  const diff = await diffVersions({ blueId: blue, greenId: green, limit: 500, pii: "masked" });
  expect(diff.counts).toEqual({ added: 0, removed: 0, changed: withdrew.length });
  expect(diff.rows.map((r) => r.key)).toEqual(withdrew.map((t) => t.stream_id));
  for (const row of diff.rows) {
    const t = withdrew.find((w) => w.stream_id === row.key)!;
    expect(row.green!.balance).toBeCloseTo(Number(t.balance), 2);
    expect(Number(row.blue!.balance) - Number(row.green!.balance)).toBeCloseTo(2 * Number(t.withdrawn), 2);
  }

  // The user directory holds the envelopes as stored, never plaintext.
  const { rows: users } = await pool.query<{ state: Record<string, unknown> }>("SELECT state FROM projection_rows WHERE version_id = $1", [live.rows[2].version_id]);
  expect(users.length).toBeGreaterThan(0);
  for (const u of users) {
    expect(isEnvelope(u.state.email)).toBe(true);
    expect(isEnvelope(u.state.name)).toBe(true);
  }
});
