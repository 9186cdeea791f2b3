import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startCluster, type EmbeddedCluster } from "../embedded-postgres";
import { freePort } from "../testing/global-setup";
import { readPostmasterPid } from "./postmaster-pid";

const started: EmbeddedCluster[] = [];
const dirs: string[] = [];

function scratchDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-runpg-"));
  fs.chmodSync(dir, 0o711); // the postgres user (when we are root) passes through to pg/ inside
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const c of started.splice(0)) await c.stop().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("our own PostgreSQL runner", () => {
  it("names the port and its variable when the port is taken, and leaves no data dir behind", async () => {
    const port = await freePort();
    const squatter = net.createServer().listen(port, "127.0.0.1");
    await new Promise((r) => squatter.once("listening", r));
    const dir = path.join(scratchDir(), "pg");
    try {
      await expect(startCluster({ dir, port, portVariable: "HINDSIGHT_PG_PORT" })).rejects.toThrow(`port ${port} is in use: set HINDSIGHT_PG_PORT to a free port`);
    } finally {
      squatter.close();
    }
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.readdirSync(path.dirname(dir))).toEqual([]);
  });

  it("starts again after the server was killed with SIGKILL (stale pid file, crash recovery)", async () => {
    const dir = path.join(scratchDir(), "pg");
    const port = await freePort();
    const first = await startCluster({ dir, port });
    process.kill(first.pid, "SIGKILL");
    await first.exited;
    expect(readPostmasterPid(dir)?.pid).toBe(first.pid);
    const lines: string[] = [];
    const second = await startCluster({ dir, port, log: (l) => lines.push(l) });
    started.push(second);
    expect(second.pid).not.toBe(first.pid);
    expect(lines.join("\n")).toMatch(/not properly shut down/);
    expect(readPostmasterPid(dir)).toMatchObject({ pid: second.pid, status: "ready" });
  });

  it("refuses a data dir another live PostgreSQL serves, naming its pid", async () => {
    const dir = path.join(scratchDir(), "pg");
    const live = await startCluster({ dir, port: await freePort() });
    started.push(live);
    await expect(startCluster({ dir, port: await freePort() })).rejects.toThrow(`PostgreSQL (pid ${live.pid}) from an earlier run still serves ${dir}`);
  });
});
