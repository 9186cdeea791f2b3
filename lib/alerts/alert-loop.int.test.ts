import { afterAll, expect, it } from "vitest";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { unique } from "../testing/expectations";
import { startAlertLoop, type AlertLoop } from "./alert-loop";
import { createAlertRule } from "./manage-rules";
import { env } from "../env";

// The loop as workers run it: one leader evaluates on its interval; a stand-by takes over when it stops.

const loops: AlertLoop[] = [];
afterAll(async () => {
  for (const l of loops.splice(0)) await l.stop();
});

async function eventually(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

const statesOf = async (ruleId: string) => (await getPool().query<{ state: string }>("SELECT state FROM alerts WHERE rule_id = $1 ORDER BY id", [ruleId])).rows.map((r) => r.state);

it("given two workers, exactly one leads and fires the rule on its interval; when it stops, the other takes over and resolves it", async () => {
  const url = env("DATABASE_URL")!;
  const quiet = () => undefined;
  const first = startAlertLoop(url, { intervalMs: 200, log: quiet });
  const second = startAlertLoop(url, { intervalMs: 200, log: quiet });
  loops.push(first, second);
  await eventually("a leader is chosen", async () => first.isLeader() || second.isLeader());
  expect([first.isLeader(), second.isLeader()].filter(Boolean)).toHaveLength(1);
  const [leader, standby] = first.isLeader() ? [first, second] : [second, first];

  const category = `loop${unique()}`;
  for (let i = 0; i < 3; i++) await appendToStream({ streamId: `${category}-1`, events: [{ type: "Looped", data: { i } }] });
  const { id } = await createAlertRule({ name: "loop", kind: "volume_threshold", severity: "info", params: { scope: "category", target: category, threshold: 2, windowSeconds: 10 }, actor: systemActor("test") });
  await eventually("the leader fires the rule", async () => (await statesOf(id)).join() === "firing");

  await leader.stop();
  await eventually("the stand-by takes over", async () => standby.isLeader(), 15_000);
  await eventually("the window passes and the new leader resolves it", async () => (await statesOf(id)).join() === "resolved", 20_000);
}, 60_000);
