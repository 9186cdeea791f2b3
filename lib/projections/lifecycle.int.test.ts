import { describe, expect, it } from "vitest";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { buildInline, followUntilCaughtUp } from "./build-inline";
import { controlRebuild } from "./control-rebuild";
import { accountBalancesV2 } from "../../domains/demo/projections/account-balances";
import { diffVersions } from "./diff-versions";
import { discardVersion } from "./discard-version";
import { replayPartition } from "./replay-partition";
import { rollbackVersion, promoteVersion } from "./switch-live-version";
import { startRebuild } from "./start-rebuild";

const actor = systemActor("test");

async function rows(versionId: number): Promise<Record<string, string>> {
  const { rows } = await getPool().query<{ key: string; state: string }>(`SELECT key, state::text AS state FROM projection_rows WHERE version_id = $1 ORDER BY key`, [versionId]);
  return Object.fromEntries(rows.map((r) => [r.key, r.state]));
}

/**
 * Follows until the version holds `keys` rows. The snapshot xmin is cluster-wide: a transaction
 * of another test file's database can hold the log back for a moment, and gap-safe readers wait.
 */
async function followUntilRows(versionId: number, keys: number) {
  for (let i = 0; i < 400; i++) {
    await followUntilCaughtUp(versionId);
    if (Object.keys(await rows(versionId)).length >= keys) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`version ${versionId} never reached ${keys} rows`);
}

async function status(versionId: number): Promise<string> {
  const { rows } = await getPool().query<{ status: string }>("SELECT status FROM projection_versions WHERE id = $1", [versionId]);
  return rows[0]?.status;
}

// 40 accounts: even ones only deposit, odd ones also withdraw (what v1 gets wrong).
const expected = new Map<string, { balance: number; withdrawn: number; events: number }>();
async function seedAccounts(from: number, to: number) {
  for (let n = from; n < to; n++) {
    const accountId = String(n);
    const events = [
      { type: "AccountOpened", data: { accountId, ownerId: `u${n}`, currency: "EUR" } },
      { type: "FundsDeposited", data: { accountId, amount: 100 + n } },
      ...(n % 2 ? [{ type: "FundsWithdrawn", data: { accountId, amount: 7.5 } }] : []),
      { type: "FundsDeposited", data: { accountId, amount: 0.25 } },
    ];
    await appendToStream({ streamId: `account-${n}`, events });
    const withdrawn = n % 2 ? 7.5 : 0;
    expected.set(`account-${n}`, { balance: Math.round((100 + n + 0.25 - withdrawn) * 100) / 100, withdrawn, events: events.length });
  }
}

describe("blue/green lifecycle of account-balances", () => {
  let blue = 0;
  let green = 0;

  it("builds v1 as the first live version, with v1's bug in its rows", async () => {
    await seedAccounts(0, 40);
    blue = (await startRebuild({ name: "account-balances", codeVersion: 1, partitions: 2, actor })).versionId;
    await buildInline(blue, { batchSize: 7 });
    expect(await status(blue)).toBe("live");
    const r = await rows(blue);
    expect(Object.keys(r)).toHaveLength(40);
    expect(JSON.parse(r["account-1"]).balance).toBe(Math.round((101 + 0.25 + 7.5) * 100) / 100); // the withdrawal added
    expect(JSON.parse(r["account-2"]).balance).toBe(102.25);
  });

  it("rebuilds v2 in 4 partitions that replay exactly the store, and the diff shows exactly the repaired balances", async () => {
    const started = await startRebuild({ name: "account-balances", codeVersion: 2, partitions: 4, actor });
    green = started.versionId;
    const { rows: parts } = await getPool().query<{ total: number }>("SELECT total FROM projection_partitions WHERE version_id = $1", [green]);
    expect(parts).toHaveLength(4);
    expect(parts.reduce((n, p) => n + p.total, 0)).toBe(started.events);
    await seedAccounts(40, 44); // written during the replay: followed, not replayed
    await buildInline(green, { batchSize: 5 });
    await followUntilRows(green, 44);
    expect(await status(green)).toBe("catching_up");
    const r = await rows(green);
    for (const [key, want] of expected) expect(JSON.parse(r[key])).toMatchObject(want);

    await followUntilRows(blue, 44);
    const diff = await diffVersions({ blueId: blue, greenId: green, limit: 500, pii: "masked" });
    const withdrew = [...expected].filter(([, e]) => e.withdrawn > 0).map(([k]) => k).sort();
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: withdrew.length });
    expect(diff.rows.map((d) => d.key)).toEqual(withdrew);
    const one = diff.rows.find((d) => d.key === "account-1")!;
    expect(one.changes.map((c) => c.path).sort()).toEqual(["balance", "deposited", "withdrawn"]);
    expect(one.changes.find((c) => c.path === "balance")).toMatchObject({ before: 108.75, after: 93.75 });
    const filtered = await diffVersions({ blueId: blue, greenId: green, keyPrefix: "account-4", kind: "changed", pii: "masked" });
    expect(filtered.rows.map((d) => d.key)).toEqual(withdrew.filter((k) => k.startsWith("account-4")));
  });

  it("promotes only with the confirmed diff, rolls back instantly, and discards by dropping the partition", async () => {
    const counts = (await diffVersions({ blueId: blue, greenId: green, pii: "masked" })).counts;
    await expect(promoteVersion({ name: "account-balances", versionId: green, actor, confirmedDiff: { ...counts, changed: counts.changed + 1 } })).rejects.toThrow(/diff changed/);
    await promoteVersion({ name: "account-balances", versionId: green, actor, confirmedDiff: counts });
    expect([await status(green), await status(blue)]).toEqual(["live", "previous"]);

    await seedAccounts(44, 46); // both keep following
    await followUntilRows(blue, 46);
    await followUntilRows(green, 46);
    expect(Object.keys(await rows(blue))).toHaveLength(46);

    await rollbackVersion({ name: "account-balances", actor });
    expect([await status(blue), await status(green)]).toEqual(["live", "previous"]);
    const live = await getPool().query("SELECT version_id, previous_version_id FROM projection_live WHERE name = 'account-balances'");
    expect(live.rows[0]).toEqual({ version_id: blue, previous_version_id: green });

    await expect(discardVersion({ name: "account-balances", versionId: blue, actor })).rejects.toThrow(/live version cannot be discarded/);
    await discardVersion({ name: "account-balances", versionId: green, actor });
    const table = await getPool().query("SELECT to_regclass($1) AS t", [`projection_rows_v${green}`]);
    expect(table.rows[0].t).toBeNull();
    const audit = await getPool().query<{ action: string }>("SELECT action FROM audit_log WHERE target = 'projection:account-balances' ORDER BY id");
    expect(audit.rows.map((a) => a.action)).toEqual([
      "projection.rebuild_started", "projection.went_live", "projection.rebuild_started", "projection.promoted", "projection.rolled_back", "projection.discarded",
    ]);
  });

  it("two copies of the same partition job at once give the same rows as one", async () => {
    const one = (await startRebuild({ name: "account-balances", codeVersion: 2, partitions: 1, actor })).versionId;
    await replayPartition({ versionId: one, partition: 0 });
    const reference = await rows(one);
    await discardVersion({ name: "account-balances", versionId: one, actor });

    const twice = (await startRebuild({ name: "account-balances", codeVersion: 2, partitions: 1, actor })).versionId;
    const [a, b] = await Promise.all([replayPartition({ versionId: twice, partition: 0, batchSize: 3 }), replayPartition({ versionId: twice, partition: 0, batchSize: 3 })]);
    expect(a.outcome).toBe("done");
    expect(b.outcome).toBe("done");
    const { rows: p } = await getPool().query<{ done: number; total: number }>("SELECT done, total FROM projection_partitions WHERE version_id = $1", [twice]);
    expect(a.events + b.events).toBe(p[0].total); // every event applied by exactly one of them
    expect(p[0].done).toBe(p[0].total);
    expect(await rows(twice)).toEqual(reference);
    for (const [key, state] of Object.entries(reference)) expect(JSON.parse(state).events).toBe(expected.get(key)!.events);
    expect(accountBalancesV2.version).toBe(2);
  });

  it("pauses, resumes and cancels a rebuild", async () => {
    await discardVersion({ name: "account-balances", versionId: (await getPool().query("SELECT id FROM projection_versions WHERE name = 'account-balances' AND code_version = 2 AND status <> 'discarded'")).rows[0].id, actor });
    const v = (await startRebuild({ name: "account-balances", codeVersion: 2, partitions: 1, actor })).versionId;
    await replayPartition({ versionId: v, partition: 0, batchSize: 10, maxBatches: 2 });
    await controlRebuild({ name: "account-balances", versionId: v, op: "pause", actor });
    expect((await replayPartition({ versionId: v, partition: 0, batchSize: 10 })).outcome).toBe("paused");
    const paused = await getPool().query("SELECT status, done FROM projection_partitions WHERE version_id = $1", [v]);
    expect(paused.rows[0]).toEqual({ status: "paused", done: 20 });
    await controlRebuild({ name: "account-balances", versionId: v, op: "resume", actor });
    expect((await replayPartition({ versionId: v, partition: 0, batchSize: 10, maxBatches: 1 })).events).toBe(10);
    await controlRebuild({ name: "account-balances", versionId: v, op: "cancel", actor });
    expect(await status(v)).toBe("discarded");
    expect((await replayPartition({ versionId: v, partition: 0 })).outcome).toBe("stopped");
  });
});
