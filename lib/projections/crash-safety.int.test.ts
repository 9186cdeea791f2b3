import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { buildInline } from "./build-inline";
import { discardVersion } from "./discard-version";
import { startRebuild } from "./start-rebuild";
import { childEnv } from "../env";

// The worker process as `npm run worker` runs it, with small batches so the replay takes long
// enough to be killed in the middle, and a short staleness so its restart re-sends the dead jobs.
const children: ChildProcess[] = [];
function startWorkerProcess(): ChildProcess {
  const child = spawn(path.join(process.cwd(), "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/worker.ts"], {
    cwd: process.cwd(),
    detached: true, // its own process group: the kill reaches tsx and the node process it runs
    stdio: ["ignore", "pipe", "pipe"],
    env: childEnv({ HINDSIGHT_REPLAY_BATCH: "10", HINDSIGHT_PARTITION_STALE_SECONDS: "2", HINDSIGHT_REPLAY_WORKERS: "2" }),
  });
  child.stdout?.resume();
  child.stderr?.resume();
  children.push(child);
  return child;
}
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, "SIGKILL");
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

async function rowsOf(versionId: number): Promise<Map<string, string>> {
  const { rows } = await getPool().query<{ key: string; state: string }>("SELECT key, state::text AS state FROM projection_rows WHERE version_id = $1 ORDER BY key", [versionId]);
  return new Map(rows.map((r) => [r.key, r.state]));
}

it("a worker SIGKILLed in the middle of a rebuild resumes to rows byte-identical to an uninterrupted rebuild, every event applied once", { timeout: 240_000 }, async () => {
  const perStream = new Map<string, number>();
  for (let s = 0; s < 120; s++) {
    const accountId = String(s);
    const events = [{ type: "AccountOpened", data: { accountId, ownerId: `u${s}`, currency: "EUR" } }];
    for (let i = 0; i < 20 + (s % 17); i++) events.push({ type: i % 3 === 2 ? "FundsWithdrawn" : "FundsDeposited", data: { accountId, amount: 1 + ((s * 7 + i) % 50) / 4 } } as never);
    await appendToStream({ streamId: `account-${s}`, events });
    perStream.set(`account-${s}`, events.length);
  }
  const actor = systemActor("test");

  // v1 is live (the first build goes live on its own); v2 is the rebuild under test.
  await buildInline((await startRebuild({ name: "account-balances", codeVersion: 1, partitions: 1, actor })).versionId);
  // The uninterrupted rebuild, in this process.
  const reference = (await startRebuild({ name: "account-balances", codeVersion: 2, partitions: 2, actor })).versionId;
  await buildInline(reference);
  const expected = await rowsOf(reference);
  expect(expected.size).toBe(120);
  await discardVersion({ name: "account-balances", versionId: reference, actor });

  // The same rebuild through pg-boss jobs in a worker process, killed halfway.
  const { versionId, events } = await startRebuild({ name: "account-balances", codeVersion: 2, partitions: 2, actor });
  const progress = async () => (await getPool().query<{ done: number }>("SELECT coalesce(sum(done), 0)::bigint AS done FROM projection_partitions WHERE version_id = $1", [versionId])).rows[0].done;
  const first = startWorkerProcess();
  await until("a third of the replay", async () => (await progress()) >= events / 3);
  process.kill(-first.pid!, "SIGKILL");
  await until("the worker to die", async () => first.exitCode !== null || first.signalCode !== null);
  const atKill = await progress();
  expect(atKill).toBeGreaterThan(0);
  expect(atKill).toBeLessThan(events); // killed in the middle, not after
  await sleep(300);
  expect(await progress()).toBe(atKill); // nothing moves while no worker runs

  startWorkerProcess();
  await until("the rebuild to finish and catch up", async () => {
    const { rows } = await getPool().query("SELECT status, caught_up_at FROM projection_versions WHERE id = $1", [versionId]);
    return rows[0].status === "catching_up" && rows[0].caught_up_at !== null;
  });

  const { rows: parts } = await getPool().query<{ done: number; total: number; dispatches: number }>("SELECT done, total, dispatches FROM projection_partitions WHERE version_id = $1", [versionId]);
  expect(parts.map((p) => p.done)).toEqual(parts.map((p) => p.total)); // every event counted once by the checkpoints
  expect(Math.max(...parts.map((p) => p.dispatches))).toBeGreaterThan(1); // a partition was sent again after the kill
  const got = await rowsOf(versionId);
  expect([...got]).toEqual([...expected]); // byte-identical state text, key by key
  for (const [key, state] of got) expect(JSON.parse(state).events).toBe(perStream.get(key)); // each event applied exactly once
});
