import { afterAll, expect, it } from "vitest";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { startRollupLoop, type RollupLoop } from "./rollup-loop";
import { env } from "../env";

// The rollup loop as workers run it: one leader among several, woken by the events trigger, and a
// stand-by that takes over when the leader stops.

const loops: RollupLoop[] = [];
afterAll(async () => {
  for (const l of loops.splice(0)) await l.stop();
});

const quiet = () => undefined;

async function eventually(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

const rolledUp = async (category: string) =>
  (await getPool().query<{ n: number }>("SELECT coalesce(sum(count), 0)::bigint AS n FROM rollups_hourly WHERE category = $1", [category])).rows[0].n;

it("given two workers, when events are appended, then exactly one leads and counts them; when it stops, the other takes over", async () => {
  const url = env("DATABASE_URL")!;
  const first = startRollupLoop(url, quiet);
  const second = startRollupLoop(url, quiet);
  loops.push(first, second);
  await eventually("a leader is chosen", async () => first.isLeader() || second.isLeader());
  expect([first.isLeader(), second.isLeader()].filter(Boolean)).toHaveLength(1);
  const [leader, standby] = first.isLeader() ? [first, second] : [second, first];

  await appendToStream({ streamId: "looptest-1", events: [{ type: "Noted", data: {} }, { type: "Noted", data: {} }] });
  await eventually("the leader counts the append", async () => (await rolledUp("looptest")) === 2);

  await leader.stop();
  await eventually("the stand-by takes over", async () => standby.isLeader());
  await appendToStream({ streamId: "looptest-2", events: [{ type: "Noted", data: {} }] });
  await eventually("the new leader counts the next append", async () => (await rolledUp("looptest")) === 3);
  expect(await rolledUp("looptest")).toBe(3);
});
