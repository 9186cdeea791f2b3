import { afterEach, describe, expect, it } from "vitest";
import { forkChild } from "./fork-child";
import { Supervisor, type ChildSpec } from "./supervisor";

const running: Supervisor[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stopAll(["child"]);
});

function spec(mode: string): ChildSpec {
  return {
    name: "child",
    label: "the test child",
    start: () => forkChild(process.cwd(), "scripts/lib/supervisor/test-child.ts", { ...process.env, TEST_CHILD: mode }),
    readyTimeoutMs: 30_000,
    stopGraceMs: 1_000,
  };
}

function supervisor(lines: string[], onGiveUp: (reason: string) => void = () => undefined, pids: Array<Record<string, number>> = []): Supervisor {
  const s = new Supervisor({ log: (l) => lines.push(l), onPids: (p) => pids.push(p), onGiveUp, baseDelayMs: 20, maxFailures: 3 });
  running.push(s);
  return s;
}

describe("the supervisor", () => {
  it("restarts a child that dies, logging its exit code, and gives up after repeated failures", async () => {
    const lines: string[] = [];
    const gaveUp = new Promise<string>((resolve) => supervisor(lines, resolve).start(spec("crash")));
    const reason = await gaveUp;
    expect(reason).toBe("the test child failed 3 times in 60 s (last: code 3): giving up");
    expect(lines.filter((l) => l.startsWith("the test child stopped (code 3); restarting in"))).toHaveLength(2);
    expect(lines.filter((l) => /the test child is running again \(pid \d+\)/.test(l))).toHaveLength(2);
  }, 120_000);

  it("fails a first start with the child's own line instead of restarting it", async () => {
    const lines: string[] = [];
    await expect(supervisor(lines).start(spec("fail"))).rejects.toThrow("port 1 is in use: set TEST_PORT to a free port");
    expect(lines).toEqual([]);
  }, 60_000);

  it("stops when its child has already died, and records live pids only", async () => {
    const pids: Array<Record<string, number>> = [];
    const s = supervisor([], undefined, pids);
    const ready = await s.start(spec("ready"));
    expect(pids.at(-1)).toEqual({ child: ready.pid, "child.server": ready.pid });
    process.kill(ready.pid!, "SIGKILL");
    await s.stopAll(["child"]);
    expect(pids.at(-1)).toEqual({});
  }, 60_000);
});
